import type {Command} from './command.js';
import {UsageError} from '../errors.js';

// Placeholder until the 'tui' command lands; replaced by its owner.
export const command: Command = {
	summary: 'tui',
	usage: '',
	async run() {
		throw new UsageError("'tui' is not available in this build yet");
	},
};
