/**
 * Range ratio, written down because the native tools disagree (docs/native-clients.md).
 * We use SGLang's convention, the one the cookbook configs are written in: a length is drawn
 * uniformly from the integers [max(⌊L·r⌋, 1), L]; r = 1 (our default) is a fixed length L, and
 * r = 0 is U[1, L]. The same ratio applies to input and output lengths. The native-command
 * renderers translate it for vLLM and TensorRT-LLM (their r' is symmetric around a midpoint).
 */
export function sampleLength(target: number, rangeRatio: number, random: () => number): number {
	if (target <= 0) return 0;
	const low = Math.max(Math.floor(target * rangeRatio), 1);
	if (low >= target) return target;
	return low + Math.floor(random() * (target - low + 1));
}

/** vLLM/TRT `[⌊M(1−r')⌋, ⌈M(1+r')⌉]` covering SGLang's [⌊L·r⌋, L]: midpoint M and half-width r'. */
export function symmetricRange(target: number, rangeRatio: number): {length: number; ratio: number} {
	const low = Math.max(Math.floor(target * rangeRatio), 1);
	if (low >= target) return {length: target, ratio: 0};
	const middle = Math.round((low + target) / 2);
	return {length: middle, ratio: Math.min(0.99, (target - low) / (target + low))};
}
