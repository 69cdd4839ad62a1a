import type {Command} from './command.js';
import {UsageError} from '../errors.js';

// Placeholder until the 'validate' command lands; replaced by its owner.
export const command: Command = {
	summary: 'validate',
	usage: '',
	async run() {
		throw new UsageError("'validate' is not available in this build yet");
	},
};
