import type {Command} from './command.js';
import {UsageError} from '../errors.js';

// Placeholder until the 'run' command lands; replaced by its owner.
export const command: Command = {
	summary: 'run',
	usage: '',
	async run() {
		throw new UsageError("'run' is not available in this build yet");
	},
};
