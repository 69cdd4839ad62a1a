import type {Command} from './command.js';
import {UsageError} from '../errors.js';

// Placeholder until the 'bench' command lands; replaced by its owner.
export const command: Command = {
	summary: 'bench',
	usage: '',
	async run() {
		throw new UsageError("'bench' is not available in this build yet");
	},
};
