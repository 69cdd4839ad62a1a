import type {Command} from './command.js';
import {UsageError} from '../errors.js';

// Placeholder until the 'import' command lands; replaced by its owner.
export const command: Command = {
	summary: 'import',
	usage: '',
	async run() {
		throw new UsageError("'import' is not available in this build yet");
	},
};
