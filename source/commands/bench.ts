import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import {parseBenchArgs} from '../bench/bench-args.js';
import {formatSummary} from '../bench/format-summary.js';
import {toRowMetrics} from '../bench/metrics.js';
import {runBenchmark} from '../bench/run-benchmark.js';
import {materializeWorkload} from '../workload/materialize.js';
import type {Command} from './command.js';

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
  --request-timeout S       per-request timeout in seconds (default 600)`;

export const command: Command = {
	summary: 'bench — the built-in OpenAI-compatible load client',
	usage,
	async run(argv) {
		const args = parseBenchArgs(argv, usage);
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
		const stop = (): void => controller.abort();
		process.once('SIGINT', stop);
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
		}).finally(() => process.off('SIGINT', stop));
		if (interactive) process.stderr.write('\n');
		console.log(formatSummary(summary));
		const {records, ...rest} = summary;
		if (args.outputFile) {
			await mkdir(path.dirname(path.resolve(args.outputFile)), {recursive: true});
			const info = {base_url: args.baseUrl, model: args.model, endpoint: args.endpoint, dataset: args.dataset, input_len: args.inputLen, output_len: args.outputLen, range_ratio: args.rangeRatio, seed: args.seed, dataset_sha256: workload.sha256};
			await writeFile(args.outputFile, JSON.stringify({...info, ...rest, metrics: toRowMetrics(summary)}, null, 2) + '\n');
		}
		if (args.outputDetails) {
			await mkdir(path.dirname(path.resolve(args.outputDetails)), {recursive: true});
			await writeFile(args.outputDetails, records.map(record => JSON.stringify(record)).join('\n') + (records.length > 0 ? '\n' : ''));
		}
		return 0;
	},
};
