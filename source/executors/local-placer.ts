import type {Executor} from './executor.js';
import type {Placement, PlacementRefused, PlacementRequest, Placer} from './placement.js';

export type LocalPlacerOptions = {
	readonly executor: Executor;
	/** The GPUs the run may use (the plan's hardware.gpu_ids, or 0…gpu_count−1). */
	readonly gpuIds: readonly number[];
	/** GPUs per candidate (the plan's hardware.gpu_count). */
	readonly gpusPerCandidate: number;
	/** Candidates at once the recipe asks for (recipe `parallel`, default 1). */
	readonly parallel: number;
	/** The machine's name in `where`: "local", or the ssh host. */
	readonly label: string;
	/** GPU id → model, from preflight's nvidia-smi: slots of another model than the first are not used. */
	readonly gpuNames?: ReadonlyMap<number, string>;
};

/**
 * Candidates on one machine (docs/placement.md): the GPU ids split, in order, into slots of
 * `gpusPerCandidate`; at most `parallel` slots are used, each by one candidate at a time. At
 * parallel 1 the one slot is the first `gpusPerCandidate` ids — with gpu_ids of exactly that length,
 * today's single-candidate run. Fairness: every slot has the same GPU count, and a slot whose GPUs
 * are not all the first slot's model is left out (with a note), so a comparison never mixes types.
 */
export function localPlacer(options: LocalPlacerOptions): Placer {
	const {gpuIds, gpusPerCandidate, executor, label} = options;
	const notes: string[] = [];
	const all: number[][] = [];
	for (let at = 0; at + gpusPerCandidate <= gpuIds.length; at += gpusPerCandidate) all.push(gpuIds.slice(at, at + gpusPerCandidate));
	const model = (slot: readonly number[]) => [...new Set(slot.map(id => options.gpuNames?.get(id) ?? '?'))].join('+');
	const first = all[0] ? model(all[0]) : '';
	const same = all.filter(slot => model(slot) === first);
	if (same.length < all.length)
		notes.push(
			`GPUs ${all
				.filter(slot => model(slot) !== first)
				.flat()
				.join(',')} are not ${first}: left out, so every candidate runs on the same GPU type`,
		);
	const wanted = Math.max(1, options.parallel);
	const slots = same.slice(0, wanted);
	if (wanted > 1 && slots.length < wanted)
		notes.push(
			`parallel: ${wanted} asked, ${slots.length} fit: ${gpuIds.length} GPU id(s) (hardware.gpu_ids) hold ${Math.max(slots.length, 0)} slot(s) of ${gpusPerCandidate} GPU(s); list more GPU ids to run more at once`,
		);
	if (wanted > 1 && slots.length > 1) notes.push(`${slots.length} candidates at once on ${slots.map(slot => `GPUs ${slot.join(',')}`).join(' | ')}`);
	const free = slots.map((_, index) => index);
	const waiting: Array<() => void> = [];
	const held = new Set<() => Promise<void>>();

	const take = async (signal: AbortSignal): Promise<number | null> => {
		while (free.length === 0) {
			if (signal.aborted) return null;
			await new Promise<void>(resolve => {
				const wake = () => {
					signal.removeEventListener('abort', wake);
					resolve();
				};
				waiting.push(wake);
				signal.addEventListener('abort', wake, {once: true});
			});
		}

		return signal.aborted ? null : free.shift()!;
	};

	return {
		parallel: Math.max(1, slots.length),
		notes,
		async place(_candidate: PlacementRequest, gpus: number, signal: AbortSignal): Promise<Placement | PlacementRefused> {
			if (slots.length === 0 || gpus !== gpusPerCandidate)
				return {refused: true, status: 'failed', reason: `no slot of ${gpus} GPU(s) among GPU ids ${gpuIds.join(',')} (slots hold ${gpusPerCandidate})`};
			const index = await take(signal);
			if (index === null) return {refused: true, status: 'skipped', reason: 'withdrawn before a slot was free'};
			const slot = slots[index]!;
			let released = false;
			const release = async () => {
				if (released) return;
				released = true;
				held.delete(release);
				free.push(index);
				free.sort((a, b) => a - b);
				// Every waiter looks again: one withdrawn by its signal must not swallow the wake-up.
				for (const wake of waiting.splice(0)) wake();
			};
			held.add(release);
			return {executor, host: executor.connectHost, gpuIds: slot, where: `${label} (GPUs ${slot.join(',')})`, release};
		},
		async releaseAll() {
			for (const release of [...held]) await release();
		},
	};
}
