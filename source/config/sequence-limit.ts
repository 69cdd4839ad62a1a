/**
 * Reads a sequence-limit flag value as a token count. vLLM accepts human-readable sizes
 * (`32k` = 32000, `32K` = 32768) and `auto`/-1 for "the model's own maximum".
 */
export type LimitValue = {readonly kind: 'tokens'; readonly tokens: number} | {readonly kind: 'model-default'} | {readonly kind: 'invalid'};

const multipliers: Readonly<Record<string, number>> = {k: 1e3, m: 1e6, g: 1e9, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30};

export function readLimit(value: unknown): LimitValue {
	if (value === null || value === undefined || value === 'auto' || value === -1) {
		return {kind: 'model-default'};
	}

	if (typeof value === 'number') {
		return Number.isInteger(value) && value > 0 ? {kind: 'tokens', tokens: value} : {kind: 'invalid'};
	}

	if (typeof value === 'string') {
		const match = /^(\d+(?:\.\d+)?)([kmgKMG]?)$/.exec(value.trim());
		if (match) {
			const tokens = Math.floor(Number(match[1]) * (match[2] ? multipliers[match[2]]! : 1));
			return tokens > 0 ? {kind: 'tokens', tokens} : {kind: 'invalid'};
		}
	}

	return {kind: 'invalid'};
}
