import process from 'node:process';
import {UsageError} from '../errors.js';
import type {Command} from './command.js';
import {parseCommandArgs} from './parse-command-args.js';

const usage = `Usage: llm-bench-tui [--yes] [--output-dir DIR]

Guided inputs (start from a cookbook config, a plan file or scratch), the version manifest, then
preflight, the live run and the results. --yes accepts every default.`;

export const command: Command = {
	summary: 'guided TUI: pick or compose a plan, preflight, run, results',
	usage,
	async run(argv) {
		const {values, positionals} = parseCommandArgs('', usage, argv, {yes: {type: 'boolean', short: 'y'}, 'output-dir': {type: 'string'}});
		if (positionals.length > 0) throw new UsageError(`unexpected '${positionals.join(' ')}'\n\n${usage}`);
		const {driveSession} = await import('./drive-session.js');
		if (!values.yes && process.stdin.isTTY) {
			// The plan comes from the guided inputs, inside the same Ink app as the run.
			return driveSession({planFile: '', outputDir: values['output-dir'], headless: false, confirm: true, guide: true});
		}

		const {guideInputs} = await import('../ui/guide-inputs.js');
		const guided = await guideInputs({yes: true, outputDir: values['output-dir']});
		if (!guided) return 130;
		return driveSession({planFile: guided.planFile, recipe: guided.recipe, outputDir: guided.outputDir, headless: false, confirm: false});
	},
};
