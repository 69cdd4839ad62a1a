import type {PreflightCheckStatus} from '../events.js';
import type {Bus} from './bus.js';

/** One named preflight check: `running`, then its verdict, each a `preflight-check` event. */
export async function check<T>(
	bus: Bus,
	id: string,
	title: string,
	body: () => Promise<{status: Exclude<PreflightCheckStatus, 'running'>; detail?: string; hint?: string; value?: T}>,
): Promise<{status: PreflightCheckStatus; value?: T}> {
	bus.emit({type: 'preflight-check', id, title, status: 'running'});
	const result = await body();
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
