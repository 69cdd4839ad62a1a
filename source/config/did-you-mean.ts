/** Levenshtein distance, small strings only (config keys and flag names). */
export function editDistance(a: string, b: string): number {
	const previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		let diagonal = previous[0]!;
		previous[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const above = previous[j]!;
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			previous[j] = Math.min(previous[j]! + 1, previous[j - 1]! + 1, diagonal + cost);
			diagonal = above;
		}
	}

	return previous[b.length]!;
}

/**
 * The nearest accepted name, or null when nothing is close enough to be a plausible typo (with
 * `always`, the nearest one regardless, for "nearest accepted flag" hints). Separators
 * (`-`, `_`) are compared loosely because `tp-size` vs `tp_size` is the commonest slip.
 */
export function nearest(name: string, candidates: Iterable<string>, {always = false} = {}): string | null {
	const normalize = (text: string) => text.toLowerCase().replaceAll('-', '_');
	const wanted = normalize(name);
	let best: string | null = null;
	let bestDistance = Number.POSITIVE_INFINITY;
	for (const candidate of candidates) {
		const normalized = normalize(candidate);
		let distance = editDistance(wanted, normalized);
		// A strict prefix/suffix relation (`ttft_ms` vs `max_p99_ttft_ms`) counts as close.
		if (normalized.includes(wanted) || wanted.includes(normalized)) {
			distance = Math.min(distance, Math.abs(normalized.length - wanted.length) / 4);
		}

		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}

	const allowed = Math.max(2, Math.floor(wanted.length / 3));
	return best !== null && (always || bestDistance <= allowed) ? best : null;
}

export function didYouMean(name: string, candidates: Iterable<string>): string {
	const guess = nearest(name, candidates);
	return guess === null ? '' : ` (did you mean '${guess}'?)`;
}
