import type {Command} from './command.js';
import {UsageError} from '../errors.js';
import {driveSession} from './drive-session.js';
import {parseRunArgs} from './run-args.js';

export const command: Command = {
	summary: 'Run a plan: preflight, per-framework candidate search under the SLA, report',
	usage: `Usage: llm-bench-tui run PLAN [--recipe NAME|PATH] [--output-dir DIR] [--resume [RUN_DIR]] [--headless] [--yes] [--serve-ws [HOST:]PORT] [--search exhaustive|adaptive]

  --recipe NAME|PATH   where frameworks run: local (default), docker, docker-exec, ssh, simulated, or a recipe file
  --output-dir DIR     parent of the run directory (default: the plan's search.output_dir, else ./runs)
  --resume [RUN_DIR]   continue RUN_DIR (or the newest run under the output dir); finished work is not re-run
  --headless           no TUI: JSONL events on stdout, one summary line on stderr
  --yes                accept every default: no guided inputs, start after preflight without asking
  --serve-ws [HOST:]PORT  let 'llm-bench-tui attach' watch (and, with the token, steer) this run
  --search STRATEGY    exhaustive (every candidate in full; the plan's default) or adaptive (memory guard, probes, only contenders in full)`,
	async run(argv) {
		const args = parseRunArgs('run', command.usage, argv, ['recipe', 'output-dir', 'resume', 'headless', 'yes', 'serve-ws', 'search']);
		const [plan, ...extra] = args.positional;
		if (!plan || extra.length > 0) throw new UsageError(`run takes exactly one PLAN file.\n\n${command.usage}`);
		return driveSession({
			planFile: plan,
			recipe: args.recipe,
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
