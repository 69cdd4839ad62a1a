import type {PreflightCheckStatus} from '../events.js';
import type {Bus} from './bus.js';

/** Live progress of a long check (a pull, a download) at most this often: the journal keeps every event. */
const progressEveryMs = 500;

/**
 * One named preflight check: `running`, then its verdict, each a `preflight-check` event. A long
 * check reports progress through `progress(detail)`: more `running` events carrying the detail.
 */
export async function check<T>(
	bus: Bus,
	id: string,
	title: string,
	body: (progress: (detail: string) => void) => Promise<{status: Exclude<PreflightCheckStatus, 'running'>; detail?: string; hint?: string; value?: T}>,
): Promise<{status: PreflightCheckStatus; value?: T}> {
	bus.emit({type: 'preflight-check', id, title, status: 'running'});
	let last = {detail: '', at: 0};
	const progress = (detail: string) => {
		const now = Date.now();
		if (detail === last.detail || now - last.at < progressEveryMs) return;
		last = {detail, at: now};
		bus.emit({type: 'preflight-check', id, title, status: 'running', detail});
	};
	const result = await body(progress);
	bus.emit({
		type: 'preflight-check',
		id,
		title,
		status: result.status,
		...(result.detail === undefined ? {} : {detail: result.detail}),
		...(result.hint === undefined ? {} : {hint: result.hint}),
	});
	return {status: result.status, value: result.value};
}
