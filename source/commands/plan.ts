import type {Command} from './command.js';
import {UsageError} from '../errors.js';

// Placeholder until the 'plan' command lands; replaced by its owner.
export const command: Command = {
	summary: 'plan',
	usage: '',
	async run() {
		throw new UsageError("'plan' is not available in this build yet");
	},
};
