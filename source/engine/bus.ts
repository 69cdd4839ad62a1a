import type {EngineEvent} from '../events.js';

/** An event without its timestamp: the bus stamps `t` when it is emitted. */
export type EventInput = EngineEvent extends infer E ? (E extends EngineEvent ? Omit<E, 't'> : never) : never;

export type Bus = {
	readonly history: readonly EngineEvent[];
	emit(event: EventInput): EngineEvent;
	subscribe(listener: (event: EngineEvent) => void): () => void;
};

/**
 * The engine's one way out (docs/architecture.md rule 2): a typed emitter that keeps every event so a
 * late subscriber (the TUI after preflight, a ws viewer) can replay and then follow. A listener that
 * throws is a bug in that subscriber; it must not stop the run, so it is reported and dropped.
 */
export function createBus(now: () => number = Date.now, clean: (event: EngineEvent) => EngineEvent = event => event): Bus {
	const history: EngineEvent[] = [];
	const listeners = new Set<(event: EngineEvent) => void>();
	return {
		history,
		emit(input) {
			// Cleaned (secrets masked) before anyone sees it: history, the TUI, --headless stdout, ws viewers.
			const event = clean({...input, t: now()} as EngineEvent);
			history.push(event);
			for (const listener of [...listeners]) {
				try {
					listener(event);
				} catch (error) {
					listeners.delete(listener);
					console.error('llm-bench-tui: an event subscriber failed and was removed:', error);
				}
			}

			return event;
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}
