import type {Command} from './command.js';

/**
 * Every command, loaded lazily so `validate` does not pay for Ink and `bench` does not pay for the
 * plan engine. The empty name is the guided TUI.
 */
export const commandLoaders: Readonly<Record<string, () => Promise<{command: Command}>>> = {
	'': async () => import('./tui.js'),
	run: async () => import('./run.js'),
	demo: async () => import('./demo.js'),
	validate: async () => import('./validate.js'),
	plan: async () => import('./plan.js'),
	bench: async () => import('./bench.js'),
	report: async () => import('./report.js'),
	import: async () => import('./import.js'),
	attach: async () => import('./attach.js'),
};
