/**
 * The SLA verdict every part of the product shows (SPEC §11): pass, fail, or undecided when the
 * confidence interval of a bounded statistic straddles its bound (or the samples are too few to
 * bound it at all). Small and typed so the engine's events, the rows, the report and the TUI's
 * per-round table share one meaning.
 */

export type SlaOutcome = 'pass' | 'fail' | 'undecided';

/** One SLA key checked against one measurement. */
export type SlaCheck = {
	readonly key: string;
	readonly bound: number;
	readonly outcome: SlaOutcome;
	/** The point estimate (null: not measured). */
	readonly value: number | null;
	/** Its confidence interval; null bounds are unbounded (too few samples); absent without samples. */
	readonly lower?: number | null;
	readonly upper?: number | null;
	/** Samples behind the figure, when known. */
	readonly samples?: number | null;
	/** One line for people: "p99 TTFT 350 ms > 300 ms (95 % interval 320–…, 32 samples)". */
	readonly text: string;
};

export type SlaVerdict = {
	readonly outcome: SlaOutcome;
	/** true / false, or null when undecided (the row's `sla.passed`). */
	readonly passed: boolean | null;
	readonly undecided: boolean;
	readonly checks: readonly SlaCheck[];
	/** Texts of the failing checks. */
	readonly failures: readonly string[];
	/** Texts of the undecided checks ("too few samples for p99 TTFT (32; needs ≥ 368)"). */
	readonly undecidedReasons: readonly string[];
};

/** Any fail fails; else any undecided is undecided; else pass (an empty SLA passes). */
export function combineOutcomes(outcomes: readonly SlaOutcome[]): SlaOutcome {
	if (outcomes.includes('fail')) return 'fail';
	if (outcomes.includes('undecided')) return 'undecided';
	return 'pass';
}

export function verdictOf(checks: readonly SlaCheck[]): SlaVerdict {
	const outcome = combineOutcomes(checks.map(check => check.outcome));
	return {
		outcome,
		passed: outcome === 'undecided' ? null : outcome === 'pass',
		undecided: outcome === 'undecided',
		checks,
		failures: checks.filter(check => check.outcome === 'fail').map(check => check.text),
		undecidedReasons: checks.filter(check => check.outcome === 'undecided').map(check => check.text),
	};
}

/** The outcome a recorded `passed` stands for (true / false / null = undecided). */
export function outcomeOfPassed(passed: boolean | null): SlaOutcome {
	return passed === null ? 'undecided' : passed ? 'pass' : 'fail';
}

/** The cell text every table uses. */
export function outcomeLabel(outcome: SlaOutcome): string {
	return outcome === 'pass' ? 'pass' : outcome === 'fail' ? 'FAIL' : 'undecided';
}

/** The row's `sla` block fields: `passed` true/false/null, `undecided: true` only when undecided. */
export function slaBlockOf(verdict: Pick<SlaVerdict, 'passed' | 'undecided' | 'failures' | 'undecidedReasons'>): {
	passed: boolean | null;
	failures: string[];
	undecided?: true;
	undecided_reasons?: string[];
} {
	return {
		passed: verdict.passed,
		failures: [...verdict.failures],
		...(verdict.undecided ? {undecided: true as const, undecided_reasons: [...verdict.undecidedReasons]} : {}),
	};
}
