import type {LoadClass} from './load-class.js';
import type {RankedRow} from './rank.js';
import type {ReportContext} from './report-context.js';
import type {ScenarioComparison, Winner} from './winners.js';
import type {ReportCost} from './run-cost.js';

/**
 * Everything a renderer needs, computed once by build-report.ts: markdown, CSV, JSON, HTML and the
 * Ink results view all render this model, so they cannot disagree about winners or reasons. Its own
 * file so the pieces that build it (caveats.ts) need not import the builder.
 */

export type NotSelected = {readonly entry: RankedRow; readonly reason: string};

export type ReportModel = {
	readonly context: ReportContext;
	readonly simulated: boolean;
	readonly model: string | null;
	readonly sla: Readonly<Record<string, number>>;
	readonly scenarios: readonly string[];
	readonly frameworks: readonly string[];
	readonly ranked: readonly RankedRow[];
	readonly winnerClass: LoadClass;
	readonly winners: readonly Winner[];
	readonly comparisons: readonly ScenarioComparison[];
	/** Burst rows, best-first per scenario (never mixed with steady results). */
	readonly burst: readonly RankedRow[];
	readonly notSelected: readonly NotSelected[];
	readonly caveats: readonly string[];
	/** GPU-seconds and launches (run-cost.ts); null when nothing recorded one. */
	readonly cost?: ReportCost | null;
};
