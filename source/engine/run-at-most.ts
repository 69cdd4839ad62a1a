/**
 * Run `items` in their order, at most `limit` at once: the next one starts when a running one
 * ends. The run loop hands each framework's candidates here (and a search strategy's phases can
 * hand theirs); `limit` is the placer's `parallel`, so at 1 this is a plain sequential loop.
 * `run` records its own outcome; an exception (a bug, never an expected failure) is rethrown once
 * every started item has finished, so no server is left running behind it.
 */
export async function runAtMost<T>(items: readonly T[], limit: number, run: (item: T, index: number) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) {
			const index = next++;
			try {
				await run(items[index]!, index);
			} catch (error) {
				next = items.length; // start nothing more after a bug
				throw error;
			}
		}
	};
	const lanes = Math.max(1, Math.min(Math.floor(limit), items.length));
	const settled = await Promise.allSettled(Array.from({length: lanes}, worker));
	const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
	if (failed) throw failed.reason;
}
