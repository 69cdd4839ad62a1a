/** Compares dotted versions numerically (`1.0.0` < `1.2.1` < `1.10`); rc/post suffixes are ignored. */
export function versionAtLeast(version: string, minimum: string): boolean {
	const parts = (text: string): number[] =>
		text
			.split(/[.+-]/)
			.map(part => Number.parseInt(part, 10))
			.map(n => (Number.isNaN(n) ? 0 : n));
	const a = parts(version);
	const b = parts(minimum);
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		const diff = (a[i] ?? 0) - (b[i] ?? 0);
		if (diff !== 0) {
			return diff > 0;
		}
	}

	return true;
}
