import {useEffect, useState} from 'react';

/** The wall clock, ticking once a second, for elapsed times and the ETA. */
export function useNow(intervalMs = 1000, enabled = true): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		if (!enabled) return;
		const timer = setInterval(() => setNow(Date.now()), intervalMs);
		return () => clearInterval(timer);
	}, [intervalMs, enabled]);
	return now;
}
