import {readFile} from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import {nativeRow} from '../native/native-row.js';
import {UsageError, UserError} from '../errors.js';
import {findFramework, frameworkAdapter, frameworkKeys, frameworkNames} from '../frameworks/registry.js';
import type {Command} from './command.js';
import {parseCommandArgs} from './parse-command-args.js';

/** The keys `--from` accepts: every framework name or alias whose framework has a benchmark client. */
const tools = frameworkKeys.filter(key => frameworkAdapter(findFramework(key)!).nativeBench !== null);
const clients = frameworkNames.flatMap(name => {
	const client = frameworkAdapter(name).nativeBench;
	return client ? [`  ${name}: ${client.resultFile}`] : [];
});

const usage = `Usage: llm-bench-tui import FILE... --from ${tools.join('|')} [--framework F] [--candidate-id ID] [--scenario S]

Converts native benchmark result files into normalized result rows (docs/result-rows.md), one per result
record, printed as JSONL. The files each --from reads:
${clients.join('\n')}

Options:
  --from TOOL          which native client wrote the files: ${tools.join(', ')}
  --framework F        framework recorded in the rows (default: the --from tool)
  --candidate-id ID    candidate id recorded in the rows (default: the file name)
  --scenario S         scenario name recorded in the rows (default: imported)`;

export const command: Command = {
	summary: 'import — convert native benchmark result files into normalized rows',
	usage,
	async run(argv) {
		const {values, positionals: files} = parseCommandArgs('import', usage, argv, {
			from: {type: 'string'},
			framework: {type: 'string'},
			'candidate-id': {type: 'string'},
			scenario: {type: 'string'},
		});
		if (files.length === 0) throw new UsageError(`import: give at least one result FILE\n\n${usage}`);
		if (!values.from) throw new UsageError(`import: --from is required (${tools.join(', ')})\n\n${usage}`);
		const tool = findFramework(values.from);
		const adapter = tool ? frameworkAdapter(tool).nativeBench : null;
		if (!tool || !adapter) throw new UsageError(`import: --from ${values.from}: must be one of ${tools.join(', ')}`);
		const framework = values.framework ?? tool;
		if (values.framework && !findFramework(values.framework) && !/^[a-z][a-z0-9_-]*$/.test(values.framework)) {
			throw new UsageError(`import: --framework ${values.framework}: use a framework key such as ${frameworkNames.join(', ')}`);
		}

		for (const file of files) {
			const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
				throw new UserError(`import: cannot read ${file}: ${error.code ?? error.message}`);
			});
			let results: ReturnType<typeof adapter.parseResultFile>;
			try {
				results = adapter.parseResultFile(text);
			} catch (error) {
				throw new UserError(`import: ${file}: ${(error as Error).message}. Is it a ${values.from} result file?`);
			}
			if (results.length === 0) {
				throw new UserError(`import: ${file} holds no result record — the native client wrote nothing (${adapter.resultFile}); its log tail says why.`);
			}
			const candidateId = values['candidate-id'] ?? path.basename(file).replace(/\.[^.]+$/, '');
			for (const [recordIndex, result] of results.entries()) {
				const row = nativeRow(result, {
					framework: findFramework(framework) ?? framework,
					candidateId,
					scenario: values.scenario ?? 'imported',
					file,
					recordIndex,
					source: values.from,
				});
				// A JSON file of another shape parses into a row of nulls: that is not an `ok` measurement.
				if (Object.values(row.metrics ?? {}).every(value => value === null || value === undefined)) {
					throw new UserError(
						`import: ${file}: record ${recordIndex + 1} has none of the figures a ${values.from} result holds (completed, request_throughput, mean_ttft_ms, …). Is it a ${values.from} result file?`,
					);
				}

				process.stdout.write(`${JSON.stringify(row)}\n`);
			}
		}
		return 0;
	},
};
