/** After this many launched candidates failing the same way, the rest would fail too. */
export const earlyCutAfter = 3;

/** How a launched candidate ended: its failure kind (null = ok), or withdrawn (operator skip), which does not count. */
export type LaunchEnd = {readonly failureKind: string | null; readonly reason: string | null} | 'withdrawn';

type Launch = {end: LaunchEnd | null; settled: Promise<void>; settle: (end: LaunchEnd) => void};

/**
 * The early cut of one framework's candidates, the same with candidates in parallel as in order:
 * the first `after` launched candidates *in launch order* (withdrawn ones left out) decide it. A
 * candidate may start only when the launches before it cannot cut any more, or cannot cut yet
 * (fewer than `after` could count): so no candidate runs that a sequential run would have cut,
 * and the row set does not depend on how many ran at once.
 */
export function earlyCut(onCut: (reason: string) => void, after = earlyCutAfter) {
	const launches: Launch[] = [];
	let cut: string | null = null;

	function verdict(): {state: 'cut'; reason: string} | {state: 'never' | 'open' | 'wait'} {
		const prefix: Array<{failureKind: string | null; reason: string | null}> = [];
		let i = 0;
		for (; i < launches.length; i++) {
			const end = launches[i]!.end;
			if (end === null) break;
			if (end !== 'withdrawn') prefix.push(end);
			if (prefix.length === after) break;
		}

		const first = prefix[0]?.failureKind ?? null;
		if (prefix.length > 0 && (first === null || prefix.some(end => end.failureKind !== first))) return {state: 'never'};
		if (prefix.length === after)
			return {
				state: 'cut',
				reason: `framework cut short: the first ${after} candidates all failed with ${first} (last: ${prefix[after - 1]!.reason ?? ''})`,
			};
		// Launches after the first unsettled one may still count.
		const couldCount = launches.slice(i).filter(launch => launch.end !== 'withdrawn').length;
		return {state: prefix.length + couldCount >= after ? 'wait' : 'open'};
	}

	return {
		/** Why the next candidate must not start (the cut), or null once it may start. */
		async beforeStart(): Promise<string | null> {
			for (;;) {
				if (cut) return cut;
				const now = verdict();
				if (now.state !== 'wait') return null;
				await Promise.race(launches.filter(launch => launch.end === null).map(launch => launch.settled));
			}
		},
		/** A candidate is launching: call the returned function with how it ended. */
		launched(): (end: LaunchEnd) => void {
			let settle: (end: LaunchEnd) => void = () => {};
			const launch: Launch = {end: null, settled: new Promise<void>(resolve => (settle = () => resolve())), settle: () => {}};
			launch.settle = end => {
				launch.end = end;
				settle(end);
				const now = verdict();
				if (!cut && now.state === 'cut') {
					cut = now.reason;
					onCut(now.reason);
				}
			};
			launches.push(launch);
			return launch.settle;
		},
		get reason(): string | null {
			return cut;
		},
	};
}
