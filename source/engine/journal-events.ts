import {environmentFailure} from '../environment-failure.js';
import {artifactNames, type RunArtifacts} from './artifacts.js';
import type {Bus} from './bus.js';

/**
 * events.jsonl, appended event by event. When the machine refuses a write (a full disk, a folder
 * made read-only) the run cannot keep its journal, so it stops like an abort — servers stopped, the
 * rows already recorded kept — and the caller rethrows the first such error at the end, which the
 * CLI prints as one line (environment-failure.ts). Any other error is a bug and is rethrown at once.
 */
export function journalEvents(bus: Bus, artifacts: RunArtifacts, stop: (reason: string) => void): {readonly failure: () => Error | null} {
	let failure: Error | null = null;
	bus.subscribe(event => {
		if (failure) return;
		try {
			artifacts.appendEvent(event);
		} catch (caught) {
			// appendFileSync's write errors name no path: say which file could not be written.
			if (!(caught instanceof Error)) throw caught;
			const error = caught as NodeJS.ErrnoException;
			error.path ??= artifacts.path(artifactNames.events);
			const message = environmentFailure(error);
			if (!message) throw error;
			failure = error;
			stop(message.split('. ')[0]!);
		}
	});
	return {failure: () => failure};
}
