import process from 'node:process';
import {parseBenchArgs} from './bench-args.js';
import {formatSummary} from '../bench/format-summary.js';
import {toRowMetrics} from '../bench/metrics.js';
import {runBenchmark} from '../bench/run-benchmark.js';
import {vllmResultFields} from '../frameworks/vllm/result-fields.js';
import {materializeWorkload} from '../workload/materialize.js';
import {createRedactor} from '../secrets/redact.js';
import {urlCredentials} from '../secrets/secret-values.js';
import type {Command} from './command.js';
import {prepareOutputFile, writeOutputFile} from './output-file.js';
import {sendPriorityMode} from '../bench/sender-priority.js';

const usage = `Usage: llm-bench-tui bench --base-url URL --model M [options]

The built-in OpenAI-compatible load client (like 'vllm bench serve'): streams every request, measures
TTFT (first content chunk), ITL (content-chunk gaps), TPOT (excluding the first token), E2E, and
forces exact output lengths (max_tokens + ignore_eos + min_tokens; usage requested).

Options:
  --endpoint PATH           /v1/completions (default) or /v1/chat/completions
  --dataset KIND            random (default) | sharegpt | jsonl | shared-prefix
  --dataset-path FILE       ShareGPT JSON or custom JSONL
  --input-len N             prompt tokens (default 1024)
  --output-len N            output tokens (default 128)
  --range-ratio R           lengths uniform in [max(floor(L*R),1), L] — SGLang's convention;
                            1 = fixed lengths (default), 0 = U[1, L]
  --num-prompts N           requests measured (default 200)
  --request-rate R|inf      Poisson arrivals per second, or inf for a burst (default inf)
  --burstiness B            gamma shape of the gaps; 1 = Poisson (default 1)
  --max-concurrency N       cap on requests in flight
  --warmup N                requests sent first and left out of every figure (default 1)
  --seed S                  workload and arrival seed (default 1)
  --tokenizer PATH          local tokenizer.json or model directory, for exact prompt lengths
                            (without it: token-id prompts on completions, approximate text on chat)
  --extra-request-body JSON merged into every request
  --goodput ttft:MS tpot:MS e2e:MS   per-request bounds for request goodput
  --output-file FILE        write the summary (and row metrics) as JSON
  --output-details FILE     write one JSON line per request (times, TTFT, ITLs, tokens, error)
  --api-key-env NAME        environment variable holding the API key (sent as Bearer)
  --request-timeout S       per-request timeout in seconds (default 600)

Environment:
  LLM_BENCH_SEND_PRIORITY   realtime (default: SCHED_FIFO via chrt, else nice -10) | nice | normal:
                            how paced sends' thread is scheduled; the summary says what it got`;

export const command: Command = {
	summary: 'bench — the built-in OpenAI-compatible load client',
	usage,
	async run(argv) {
		sendPriorityMode();
		const args = parseBenchArgs(argv, usage, process.env);
		// Every argument is checked before the first request: an unwritable output is known now.
		const outputFile = args.outputFile ? await prepareOutputFile('--output-file', args.outputFile) : null;
		const outputDetails = args.outputDetails ? await prepareOutputFile('--output-details', args.outputDetails) : null;
		// A password in --base-url (sent as HTTP basic auth) and the key never reach a printed line or a file.
		const redact = createRedactor(process.env, urlCredentials(args.baseUrl));
		const workload = await materializeWorkload({
			kind: args.dataset,
			path: args.datasetPath,
			numPrompts: args.numPrompts,
			inputLen: args.inputLen,
			outputLen: args.outputLen,
			rangeRatio: args.rangeRatio,
			seed: args.seed,
			tokenizer: args.tokenizer,
			endpoint: args.endpoint,
			extraRequestBody: args.extraRequestBody,
		});
		for (const note of workload.notes) console.error(`workload: ${note}`);
		const controller = new AbortController();
		let interrupted: NodeJS.Signals | null = null;
		const stop = (signal: NodeJS.Signals): void => {
			// A second Ctrl-C leaves at once; the first cancels the requests in flight and reports.
			if (interrupted) process.exit(130);
			interrupted = signal;
			controller.abort();
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
		process.on('SIGHUP', stop);
		const interactive = process.stderr.isTTY;
		const summary = await runBenchmark({
			baseUrl: args.baseUrl,
			model: args.model,
			endpoint: args.endpoint,
			rows: workload.rows,
			requestRate: args.requestRate,
			burstiness: args.burstiness,
			maxConcurrency: args.maxConcurrency,
			warmupRequests: args.warmup,
			seed: args.seed,
			goodput: args.goodput ?? undefined,
			apiKeyEnv: args.apiKeyEnv ?? undefined,
			requestTimeoutMs: args.requestTimeoutMs,
			signal: controller.signal,
			onProgress: interactive
				? p => process.stderr.write(`\r${p.completed + p.failed}/${p.total} done, ${p.inFlight} in flight, p50 TTFT ${p.p50TtftMs?.toFixed(1) ?? '-'} ms   `)
				: undefined,
		}).finally(() => {
			process.off('SIGINT', stop);
			process.off('SIGTERM', stop);
			process.off('SIGHUP', stop);
		});
		if (interactive) process.stderr.write('\n');
		console.log(redact(formatSummary(summary)));
		const {records, ...rest} = summary;
		if (outputFile) {
			const info = {
				base_url: args.baseUrl,
				model: args.model,
				endpoint: args.endpoint,
				dataset: args.dataset,
				input_len: args.inputLen,
				output_len: args.outputLen,
				range_ratio: args.rangeRatio,
				seed: args.seed,
				dataset_sha256: workload.sha256,
			};
			// vLLM's --save-result names for the same figures, so tools that read vLLM's files read ours.
			const vllm = vllmResultFields(summary, {
				endpoint: args.endpoint,
				model: args.model,
				tokenizer: args.tokenizer ?? null,
				burstiness: args.burstiness,
				date: new Date(),
			});
			await writeOutputFile('--output-file', outputFile, redact(`${JSON.stringify({...info, ...vllm, ...rest, metrics: toRowMetrics(summary)}, null, 2)}\n`));
		}
		if (outputDetails) {
			await writeOutputFile(
				'--output-details',
				outputDetails,
				redact(records.map(record => JSON.stringify(record)).join('\n') + (records.length > 0 ? '\n' : '')),
			);
		}
		if (interrupted) {
			console.error(
				`bench: interrupted (${interrupted}): the requests in flight were cancelled; ${summary.completed} finished request(s) are in the figures above`,
			);
			return interrupted === 'SIGINT' ? 130 : 128 + (interrupted === 'SIGTERM' ? 15 : 1);
		}
		if (summary.completed === 0 && summary.failed > 0) {
			const reasons = [...new Set(records.map(record => record.error).filter(Boolean))].slice(0, 3);
			console.error(`bench: every request failed (${summary.failed}); first reasons: ${redact(reasons.join('; '))}`);
			return 1;
		}
		return 0;
	},
};
