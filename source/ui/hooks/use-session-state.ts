import {useEffect, useRef, useState} from 'react';
import type {Session} from '../../engine/session-types.js';
import {initialState, reduce, reduceAll, type RunState} from '../../engine/reduce.js';

/**
 * Renders at most 4 times a second however fast events arrive: the load client reports progress at
 * 4 Hz, so a faster frame rate shows nothing new and only costs CPU (bench/tui: 10 % → 8 %).
 */
export const defaultRefreshMs = 250;

/**
 * Folds the session's history, then its live events, into RunState. Events are folded as they
 * come; React sees the result at most once per `refreshMs`, which keeps the TUI's CPU use low.
 */
export function useSessionState(session: Pick<Session, 'history' | 'subscribe'>, refreshMs = defaultRefreshMs): RunState {
	const folded = useRef<{state: RunState; seen: number}>({state: initialState, seen: 0});
	if (folded.current.seen === 0 && session.history.length > 0) {
		folded.current = {state: reduceAll(session.history), seen: session.history.length};
	}

	const [state, setState] = useState(folded.current.state);
	useEffect(() => {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const flush = () => {
			timer = undefined;
			setState(folded.current.state);
		};

		// Events that landed between the first render and this effect.
		const missed = session.history.slice(folded.current.seen);
		if (missed.length > 0) {
			folded.current = {state: reduceAll(missed, folded.current.state), seen: session.history.length};
			flush();
		}

		const unsubscribe = session.subscribe(event => {
			folded.current = {state: reduce(folded.current.state, event), seen: folded.current.seen + 1};
			timer ??= setTimeout(flush, refreshMs);
		});
		return () => {
			unsubscribe();
			if (timer) clearTimeout(timer);
		};
	}, [session, refreshMs]);
	return state;
}
