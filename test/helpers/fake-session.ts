import type {EngineEvent} from '../../source/events.js';
import type {Session} from '../../source/engine/session-types.js';

/**
 * A Session that replays scripted events instead of running an engine: tests and bench/tui.ts drive
 * the TUI and the ws server with it. Calls are recorded; `emit` pushes the next event by hand.
 */
export type FakeSession = Session & {
	emit(event: EngineEvent): void;
	/** Emits the remaining scripted events, one per `intervalMs` (0 = all at once, synchronously). */
	play(intervalMs?: number): Promise<void>;
	readonly calls: {proceed: number; skip: Array<string | undefined>; abort: Array<string | undefined>};
};

export function createFakeSession(
	script: readonly EngineEvent[] = [],
	options: {onSkip?: (session: FakeSession, candidateId?: string) => void; onAbort?: (session: FakeSession, reason?: string) => void} = {},
): FakeSession {
	const history: EngineEvent[] = [];
	const listeners = new Set<(event: EngineEvent) => void>();
	const pending = [...script];
	let resolveDone: (value: {runDir: string; exitCode: number}) => void = () => undefined;
	const done = new Promise<{runDir: string; exitCode: number}>(resolve => {
		resolveDone = resolve;
	});
	const session: FakeSession = {
		history,
		calls: {proceed: 0, skip: [], abort: []},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		proceed() {
			session.calls.proceed++;
		},
		skip(candidateId) {
			session.calls.skip.push(candidateId);
			options.onSkip?.(session, candidateId);
		},
		abort(reason) {
			session.calls.abort.push(reason);
			options.onAbort?.(session, reason);
		},
		done,
		emit(event) {
			history.push(event);
			for (const listener of listeners) listener(event);
			if (event.type === 'run-finished') resolveDone({runDir: event.runDir, exitCode: 0});
		},
		async play(intervalMs = 0) {
			while (pending.length > 0) {
				const next = pending.shift()!;
				session.emit(next);
				if (intervalMs > 0) await new Promise(resolve => setTimeout(resolve, intervalMs));
			}
		},
	};
	return session;
}
