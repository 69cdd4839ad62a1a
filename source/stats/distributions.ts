/**
 * The few distribution functions the intervals need, written out so the package needs no numeric
 * library: the standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9),
 * the binomial CDF (exact in log space, normal approximation only beyond a size where exact sums
 * would cost more than they add), the chi-square quantile (Wilson–Hilferty, refined by Newton steps
 * on the exact regularized gamma) and Student's t quantile (Cornish–Fisher expansion).
 */

const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Φ⁻¹(p) for 0 < p < 1. */
export function normalQuantile(p: number): number {
	if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile needs 0 < p < 1, got ${p}`);
	const low = 0.02425;
	if (p < low) {
		const q = Math.sqrt(-2 * Math.log(p));
		return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
	}

	if (p > 1 - low) return -normalQuantile(1 - p);
	const q = p - 0.5;
	const r = q * q;
	return (
		((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
	);
}

/** Φ(x), via the complementary error function (Numerical Recipes' erfc, |error| < 1.2e-7). */
export function normalCdf(x: number): number {
	const z = Math.abs(x) / Math.SQRT2;
	const t = 1 / (1 + 0.5 * z);
	const erfc =
		t *
		Math.exp(
			-z * z -
				1.26551223 +
				t *
					(1.00002368 +
						t *
							(0.37409196 +
								t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
		);
	return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

const lanczos = [
	676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
	1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
	const z = x - 1;
	let sum = 0.99999999999980993;
	for (let i = 0; i < lanczos.length; i++) sum += lanczos[i]! / (z + i + 1);
	const t = z + lanczos.length - 0.5;
	return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Exact sums up to this many trials; beyond it the normal approximation is within 1e-3. */
const exactBinomialLimit = 20_000;

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
	if (k < 0) return 0;
	if (k >= n) return 1;
	if (p <= 0) return 1;
	if (p >= 1) return 0;
	if (n > exactBinomialLimit) {
		// Continuity-corrected normal approximation.
		return normalCdf((k + 0.5 - n * p) / Math.sqrt(n * p * (1 - p)));
	}

	const logP = Math.log(p);
	const logQ = Math.log1p(-p);
	const logNFact = logGamma(n + 1);
	let sum = 0;
	for (let i = 0; i <= k; i++) {
		sum += Math.exp(logNFact - logGamma(i + 1) - logGamma(n - i + 1) + i * logP + (n - i) * logQ);
	}

	return Math.min(1, sum);
}

/** Regularized lower incomplete gamma P(s, x) (series for x < s + 1, continued fraction otherwise). */
export function regularizedGammaP(s: number, x: number): number {
	if (x <= 0) return 0;
	const logPrefix = s * Math.log(x) - x - logGamma(s);
	if (x < s + 1) {
		let term = 1 / s;
		let sum = term;
		for (let n = 1; n < 10_000; n++) {
			term *= x / (s + n);
			sum += term;
			if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
		}

		return Math.exp(logPrefix) * sum;
	}

	// Lentz's continued fraction for Q(s, x).
	let bb = x + 1 - s;
	let cc = 1 / 1e-300;
	let dd = 1 / bb;
	let h = dd;
	for (let i = 1; i < 10_000; i++) {
		const an = -i * (i - s);
		bb += 2;
		dd = an * dd + bb;
		if (Math.abs(dd) < 1e-300) dd = 1e-300;
		cc = bb + an / cc;
		if (Math.abs(cc) < 1e-300) cc = 1e-300;
		dd = 1 / dd;
		const delta = dd * cc;
		h *= delta;
		if (Math.abs(delta - 1) < 1e-15) break;
	}

	return 1 - Math.exp(logPrefix) * h;
}

/** The q-quantile of χ² with `df` degrees of freedom. */
export function chiSquareQuantile(q: number, df: number): number {
	if (!(q > 0 && q < 1)) throw new RangeError(`chi-square quantile needs 0 < q < 1, got ${q}`);
	const z = normalQuantile(q);
	const h = 2 / (9 * df);
	let x = Math.max(1e-10, df * (1 - h + z * Math.sqrt(h)) ** 3);
	// Newton on the exact CDF: Wilson–Hilferty is off by a few per cent at small df.
	const s = df / 2;
	for (let i = 0; i < 30; i++) {
		const cdf = regularizedGammaP(s, x / 2);
		const density = Math.exp((s - 1) * Math.log(x / 2) - x / 2 - logGamma(s)) / 2;
		if (!(density > 0)) break;
		const step = (cdf - q) / density;
		const next = Math.max(x / 10, x - step);
		if (Math.abs(next - x) < 1e-12 * Math.max(1, x)) {
			x = next;
			break;
		}

		x = next;
	}

	return x;
}

/** The q-quantile of Student's t with `df` degrees of freedom (Cornish–Fisher; df ≥ 3 within 1e-3). */
export function tQuantile(q: number, df: number): number {
	const z = normalQuantile(q);
	if (!Number.isFinite(df) || df > 1e6) return z;
	const z3 = z ** 3;
	const z5 = z ** 5;
	const z7 = z ** 7;
	return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}
