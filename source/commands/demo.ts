import type {Command} from './command.js';
import {UsageError} from '../errors.js';

// Placeholder until the 'demo' command lands; replaced by its owner.
export const command: Command = {
	summary: 'demo',
	usage: '',
	async run() {
		throw new UsageError("'demo' is not available in this build yet");
	},
};
