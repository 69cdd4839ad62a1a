import process from 'node:process';
import {UsageError} from '../errors.js';
import {loadRows} from '../report/load-rows.js';
import {loadContextBeside} from '../report/report-context.js';
import {writeReport} from '../report/write-report.js';
import type {Command} from './command.js';
import {prepareOutputFile} from './output-file.js';
import {parseCommandArgs} from './parse-command-args.js';

const usage = `Usage: llm-bench-tui report ROWS.jsonl... [--output MD] [--csv CSV] [--json JSON] [--html HTML]

Ranks normalized result rows (docs/result-rows.md, docs/ranking.md) and writes the report. Without --output the markdown goes
to stdout. A manifest.json beside the first rows file adds model, hardware, versions and the SLA.

Options:
  --output MD    write the markdown report to MD
  --csv CSV      write one ranked line per candidate × scenario
  --json JSON    write {"winners": [...], ...tables}
  --html HTML    write a self-contained HTML report with charts`;

export const command: Command = {
	summary: 'report — rank result rows and write the markdown/CSV/JSON/HTML report',
	usage,
	async run(argv) {
		const parsed = parseCommandArgs('report', usage, argv, {
			output: {type: 'string', short: 'o'},
			csv: {type: 'string'},
			json: {type: 'string'},
			html: {type: 'string'},
		});
		const files = parsed.positionals;
		if (files.length === 0) throw new UsageError(`report: give at least one ROWS.jsonl file\n\n${usage}`);
		// Every output path is checked before the rows are read: a problem is known before any work.
		for (const [flag, file] of [
			['--output', parsed.values.output],
			['--csv', parsed.values.csv],
			['--json', parsed.values.json],
			['--html', parsed.values.html],
		] as const) {
			if (file !== undefined) await prepareOutputFile(flag, file);
		}

		const rows = await loadRows(files);
		const context = await loadContextBeside(files[0]!);
		const {output, csv, json, html} = parsed.values;
		const result = await writeReport(rows, context, {markdown: output, csv, json, html});
		if (output) {
			const written = [output, csv, json, html].filter(Boolean).join(', ');
			console.error(`report: ${rows.length} rows, ${result.winners.length} winners → ${written}`);
		} else {
			process.stdout.write(result.markdown);
		}

		return 0;
	},
};
