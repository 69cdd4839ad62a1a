import type {MetricsAdapter, ServerMetricsSample} from './types.js';

export type Scraper = {
	/** Takes one last reading, stops, and returns everything read (first reading before the load). */
	stop(): Promise<{samples: ServerMetricsSample[]; failure: string | null}>;
};

export type ScrapeOptions = {
	readonly baseUrl: string;
	readonly adapter: MetricsAdapter;
	readonly intervalMs: number;
	readonly onSamples?: (samples: readonly ServerMetricsSample[]) => void;
	readonly headers?: Readonly<Record<string, string>>;
	readonly fetch?: typeof fetch;
};

/** One GET of the metrics endpoint → readings, or why none. */
export async function scrapeOnce(options: ScrapeOptions): Promise<{samples: readonly ServerMetricsSample[]} | {error: string}> {
	const {adapter} = options;
	const get = options.fetch ?? fetch;
	try {
		const response = await get(`${options.baseUrl.replace(/\/+$/, '')}${adapter.path}`, {headers: options.headers, signal: AbortSignal.timeout(5000)});
		const text = await response.text();
		if (response.status === 404) return {error: `${adapter.path} answered 404: ${adapter.enableHint}`};
		if (!response.ok) return {error: `${adapter.path} answered HTTP ${response.status}`};
		const parsed = adapter.parse(text, Date.now());
		return 'error' in parsed ? {error: `${adapter.path}: ${parsed.error}`} : parsed;
	} catch (error) {
		return {error: `${adapter.path} unreachable: ${(error as Error).message}`};
	}
}

/**
 * Polls the framework's metrics endpoint every `intervalMs` while a round runs. One request at a
 * time (a slow server is not piled on); the first reading is awaited so counters have a baseline.
 */
export async function startScraper(options: ScrapeOptions): Promise<Scraper> {
	const samples: ServerMetricsSample[] = [];
	let failure: string | null = null;
	let inFlight: Promise<void> | null = null;
	const take = async () => {
		const result = await scrapeOnce(options);
		if ('error' in result) {
			failure ??= result.error;
			return;
		}

		samples.push(...result.samples);
		if (result.samples.length > 0) options.onSamples?.(result.samples);
	};

	const poll = () => {
		if (inFlight) return;
		inFlight = take().finally(() => {
			inFlight = null;
		});
	};

	await take();
	const timer = setInterval(poll, Math.max(50, options.intervalMs));
	return {
		async stop() {
			clearInterval(timer);
			if (inFlight) await inFlight;
			await take();
			// TensorRT-LLM returns [] without enable_iter_perf_stats: no error, and no readings either.
			if (samples.length === 0 && failure === null) failure = `${options.adapter.path} returned no readings: ${options.adapter.enableHint}`;
			return {samples, failure: samples.length > 0 ? null : failure};
		},
	};
}
