import {latencyMetrics, latencyStats} from '../results/result-row.js';
import {UserError} from '../errors.js';
import {mean, percentile} from '../bench/stats.js';

/**
 * Shared pieces of the native result importers (docs/native-clients.md): lenient
 * JSON for Python's bare Infinity/NaN, and the key conventions — `median_` is p50, E2E is
 * `e2e_latency` (SGLang) or `e2el` (vLLM, TensorRT-LLM). Non-finite values become null (missing).
 */

export type NativeRecord = Record<string, unknown>;

export type NativeResult = {
	readonly requestRate: number | 'inf' | null;
	readonly maxConcurrency: number | null;
	readonly numPrompts: number | null;
	readonly inputLen: number | null;
	readonly outputLen: number | null;
	/** Keys of MetricsSchema (source/results/result-row.ts). */
	readonly metrics: Readonly<Record<string, number | null>>;
	readonly model?: string | null;
	readonly datasetName?: string | null;
};

/** JSON.parse after rewriting bare Infinity/-Infinity/NaN tokens outside strings (Python's json.dumps). */
export function parsePythonJson(text: string, where: string): unknown {
	let out = '';
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index]!;
		if (inString) {
			out += char;
			if (char === '\\') out += text[++index] ?? '';
			else if (char === '"') inString = false;
			continue;
		}
		if (char === '"') inString = true;
		if (text.startsWith('Infinity', index)) {
			out += '1e999';
			index += 7;
		} else if (text.startsWith('NaN', index)) {
			out += 'null';
			index += 2;
		} else {
			out += char;
		}
	}
	try {
		return JSON.parse(out);
	} catch (error) {
		throw new UserError(`${where}: not valid JSON (${(error as Error).message})`);
	}
}

export function finite(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function rate(value: unknown): number | 'inf' | null {
	if (value === 'inf' || value === Number.POSITIVE_INFINITY) return 'inf';
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return finite(value);
}

/** `{mean,p50,p90,p95,p99}_{ttft,tpot,itl,e2e}_ms` from a native record's own keys. */
export function latencyFrom(record: NativeRecord, e2eName: string): Record<string, number | null> {
	const out: Record<string, number | null> = {};
	for (const metric of latencyMetrics) {
		const name = metric === 'e2e' ? e2eName : metric;
		for (const stat of latencyStats) {
			const own = record[`${stat}_${name}_ms`];
			out[`${stat}_${metric}_ms`] = finite(stat === 'p50' ? (own ?? record[`median_${name}_ms`]) : own);
		}
	}
	return out;
}

/**
 * Fills stats the file did not write from its per-request detail lists (seconds), when present:
 * `ttfts` and `itls` (and `e2els`/`latencies`), successful requests only.
 */
export function fillFromDetails(latency: Record<string, number | null>, record: NativeRecord): void {
	const errors = Array.isArray(record.errors) ? (record.errors as unknown[]) : null;
	const ok = (index: number): boolean => !errors?.[index];
	// Without `errors` (vLLM's --save-result without --save-detailed keeps `latencies` but drops
	// `errors`), a failed request is only recognisable by its 0.0 placeholder: no request that
	// succeeded took zero seconds.
	const seconds = (list: unknown): number[] | null =>
		Array.isArray(list)
			? list.flatMap((value, index) => (ok(index) && typeof value === 'number' && (errors ? value >= 0 : value > 0) ? [value * 1000] : []))
			: null;
	const series: Record<string, number[] | null> = {
		ttft: seconds(record.ttfts),
		itl: Array.isArray(record.itls) ? (record.itls as unknown[]).flatMap((list, index) => (ok(index) ? (seconds(list) ?? []) : [])) : null,
		e2e: seconds(record.e2els ?? record.latencies),
	};
	for (const [metric, values] of Object.entries(series)) {
		if (!values || values.length === 0) continue;
		for (const stat of latencyStats) {
			const key = `${stat}_${metric}_ms`;
			if (latency[key] === null || latency[key] === undefined) latency[key] = stat === 'mean' ? mean(values) : percentile(values, Number(stat.slice(1)));
		}
	}
}

/** The count-based metrics every importer shares. `numPrompts` null when the file cannot tell. */
export function countsFrom(record: NativeRecord, numPrompts: number | null, failedField: unknown): Record<string, number | null> {
	const completed = finite(record.completed);
	const failed = finite(failedField) ?? (numPrompts !== null && completed !== null ? numPrompts - completed : null);
	const total = completed !== null && failed !== null ? completed + failed : null;
	return {
		completed,
		failed,
		success_rate: total ? completed! / total : null,
		duration_s: finite(record.duration),
		request_throughput: finite(record.request_throughput),
		output_token_throughput: finite(record.output_throughput),
	};
}

export function lines(text: string): Array<{line: string; number: number}> {
	return text.split('\n').flatMap((line, index) => (line.trim() === '' ? [] : [{line, number: index + 1}]));
}

/** A whole-file JSON object (vLLM, TensorRT-LLM), or JSONL (vLLM --append-result). */
export function parseJsonObjects(text: string): NativeRecord[] {
	const trimmed = text.trim();
	if (trimmed === '') return [];
	try {
		const whole = parsePythonJson(trimmed, 'file');
		return Array.isArray(whole) ? (whole as NativeRecord[]) : [whole as NativeRecord];
	} catch {
		return lines(text).map(({line, number}) => parsePythonJson(line, `line ${number}`) as NativeRecord);
	}
}
