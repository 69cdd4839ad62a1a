/**
 * The Prometheus text exposition format (what vLLM and SGLang serve on /metrics), reduced to what a
 * scraper needs: name → samples with labels. `# HELP`/`# TYPE` lines and malformed lines are
 * skipped; a value of NaN/±Inf is kept as a number.
 */
export type PromSample = {readonly labels: Readonly<Record<string, string>>; readonly value: number};
export type PromText = ReadonlyMap<string, readonly PromSample[]>;

const line = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\S+)?$/;
const label = /([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parsePrometheusText(text: string): PromText {
	const out = new Map<string, PromSample[]>();
	for (const raw of text.split('\n')) {
		const trimmed = raw.trim();
		if (trimmed === '' || trimmed.startsWith('#')) continue;
		const match = line.exec(trimmed);
		if (!match) continue;
		const value = Number(match[3]!.replace(/^\+?Inf$/i, 'Infinity').replace(/^-Inf$/i, '-Infinity'));
		if (Number.isNaN(value) && match[3] !== 'NaN') continue;
		const labels: Record<string, string> = {};
		for (const pair of (match[2] ?? '').matchAll(label)) labels[pair[1]!] = pair[2]!.replaceAll('\\"', '"').replaceAll('\\\\', '\\');
		const list = out.get(match[1]!) ?? [];
		list.push({labels, value});
		out.set(match[1]!, list);
	}

	return out;
}

/**
 * The first of `names` present, summed over its label sets (several engines / DP ranks each export
 * their own series). `combine: 'max'` for gauges where a sum means nothing (KV-cache fraction).
 */
export function pick(text: PromText, names: readonly string[], combine: 'sum' | 'max' = 'sum'): number | null {
	for (const name of names) {
		const samples = text.get(name)?.filter(sample => Number.isFinite(sample.value));
		if (!samples || samples.length === 0) continue;
		return combine === 'sum' ? samples.reduce((sum, sample) => sum + sample.value, 0) : Math.max(...samples.map(sample => sample.value));
	}

	return null;
}

/** True when the text looks like an exposition at all (so a 200 HTML page is not taken for zeros). */
export function looksLikePrometheus(text: string): boolean {
	return /^# (HELP|TYPE) /m.test(text) || /^[A-Za-z_:][A-Za-z0-9_:]*(\{[^}]*\})?\s+[-+0-9.eEInfNa]+\s*$/m.test(text);
}
