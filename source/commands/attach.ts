import type {Command} from './command.js';
import {UsageError} from '../errors.js';

// Placeholder until the 'attach' command lands; replaced by its owner.
export const command: Command = {
	summary: 'attach',
	usage: '',
	async run() {
		throw new UsageError("'attach' is not available in this build yet");
	},
};
