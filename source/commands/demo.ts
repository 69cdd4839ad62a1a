import {fileURLToPath} from 'node:url';
import type {Command} from './command.js';
import {UsageError} from '../errors.js';
import {driveSession} from './drive-session.js';
import {parseRunArgs} from './run-args.js';

export const demoPlan = fileURLToPath(new URL('../../configs/demo/demo.yaml', import.meta.url));

export const command: Command = {
	summary: 'The whole flow on the simulated GPU box with the shipped demo plan',
	usage: `Usage: llm-bench-tui demo [--headless] [--yes] [--output-dir DIR] [--resume [RUN_DIR]] [--serve-ws [HOST:]PORT] [--search exhaustive|adaptive]

  Runs configs/demo/demo.yaml on recipes/simulated.yaml: no GPU or framework needed.
  Figures come from a latency model and are labelled simulated. Without --yes the guided inputs
  (prefilled from the demo plan) and the version manifest come first.`,
	async run(argv) {
		const args = parseRunArgs('demo', command.usage, argv, ['output-dir', 'resume', 'headless', 'yes', 'serve-ws', 'search']);
		if (args.positional.length > 0) throw new UsageError(`demo takes no positional arguments.\n\n${command.usage}`);
		return driveSession({
			planFile: demoPlan,
			recipe: 'simulated',
			outputDir: args.outputDir,
			resume: args.resume,
			search: args.search,
			headless: args.headless,
			confirm: !args.yes,
			guide: !args.yes,
			serveWs: args.serveWs,
		});
	},
};
