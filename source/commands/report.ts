import type {Command} from './command.js';
import {UsageError} from '../errors.js';

// Placeholder until the 'report' command lands; replaced by its owner.
export const command: Command = {
	summary: 'report',
	usage: '',
	async run() {
		throw new UsageError("'report' is not available in this build yet");
	},
};
