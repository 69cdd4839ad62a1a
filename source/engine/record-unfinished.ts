import type {RunContext} from './run-context.js';
import {abortedPrefix, candidateDone, recordRemaining} from './run-candidate.js';

/**
 * The last act of a runner that must exit now (a second stop signal, docs/commands.md): every
 * candidate without its rows gets `skipped` rows with cause `run-aborted`, written synchronously, so
 * results.jsonl and the report say what never finished. `--resume` drops these rows and runs those
 * candidates again, and keeps every finished row. Returns how many candidates were recorded.
 */
export function recordUnfinished(context: RunContext, reason: string): number {
	let recorded = 0;
	for (const prep of context.frameworks.values()) {
		for (const candidate of prep.candidates) {
			if (candidateDone(context, candidate)) continue;
			try {
				recordRemaining(context, candidate, 'skipped', `${abortedPrefix}: ${reason}`, {}, {kind: 'run-aborted'});
				context.bus.emit({type: 'candidate-skipped', candidateId: candidate.id, framework: candidate.framework, reason});
				recorded++;
			} catch {
				// A full disk or a vanished run dir: the finished rows are on disk already; exit anyway.
				return recorded;
			}
		}
	}

	return recorded;
}
