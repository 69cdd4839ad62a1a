import type {EngineConfig} from './engine-config.js';
import {stepSeconds, type StepWork} from './roofline.js';

export type SimRequest = {
	readonly id: number;
	readonly promptTokens: number;
	/** Tokens to generate (max_tokens, or the simulated EOS point). */
	readonly outputTokens: number;
};

type Seq = {
	readonly request: SimRequest;
	/** Tokens to (re)compute before the next token: the prompt, plus generated tokens after a preemption. */
	prefillTarget: number;
	prefilled: number;
	generated: number;
	/** KV tokens this sequence holds. */
	kv: number;
	/** In the running set (false once finished or preempted); avoids O(n) membership scans per step. */
	running: boolean;
};

/** Tokens produced for one request by one step. */
export type Emission = {readonly id: number; readonly tokens: number; readonly finished: boolean};

export type StepResult = {readonly seconds: number; readonly emissions: readonly Emission[]; readonly work: StepWork};

export type BatcherStats = {
	running: number;
	waiting: number;
	kvUsedTokens: number;
	kvCapacityTokens: number;
	preemptions: number;
	promptTokens: number;
	generationTokens: number;
	finished: number;
};

/** SGLang's admission keeps room for this share of each running request's remaining output. */
const sglangNewTokenRatio = 0.4;

/**
 * Continuous batching over simulated time: one `step()` = one engine iteration. Decodes, chunked
 * prefill within the token budget, the running-batch cap, KV capacity with preemption (or
 * guaranteed reservation), and queueing. Pure: no clocks, no I/O.
 */
export class Batcher {
	readonly stats: BatcherStats;
	private readonly waiting: Seq[] = [];
	private running: Seq[] = [];
	private seqOverheadJitter: number;

	constructor(
		readonly config: EngineConfig,
		readonly kvCapacityTokens: number,
	) {
		this.stats = {running: 0, waiting: 0, kvUsedTokens: 0, kvCapacityTokens, preemptions: 0, promptTokens: 0, generationTokens: 0, finished: 0};
		this.seqOverheadJitter = (config.seed * 2_654_435_761) >>> 0;
	}

	get idle(): boolean {
		return this.waiting.length === 0 && this.running.length === 0;
	}

	add(request: SimRequest): void {
		this.waiting.push({request, prefillTarget: request.promptTokens, prefilled: 0, generated: 0, kv: 0, running: false});
		this.refreshCounts();
	}

	/** Drops a request (client went away); frees its KV. */
	cancel(id: number): void {
		for (const list of [this.waiting, this.running]) {
			const index = list.findIndex(seq => seq.request.id === id);
			if (index >= 0) {
				this.stats.kvUsedTokens -= list[index]!.kv;
				list.splice(index, 1);
			}
		}

		this.refreshCounts();
	}

	step(): StepResult {
		const decodes = this.running.filter(seq => seq.prefilled >= seq.prefillTarget);
		const prefillFirst = this.config.batching === 'prefill-first';
		const prefills = this.schedulePrefill(prefillFirst ? 0 : decodes.length);
		const decoding = prefillFirst && prefills.length > 0 ? [] : decodes;
		this.growForDecode(decoding);

		let decodeContextTokens = 0;
		for (const seq of decoding) {
			decodeContextTokens += seq.request.promptTokens + seq.generated;
		}

		let prefillTokens = 0;
		let prefillAttentionWork = 0;
		for (const {seq, chunk} of prefills) {
			prefillAttentionWork += chunk * (seq.prefilled + chunk / 2);
			prefillTokens += chunk;
		}

		const work: StepWork = {decodeSeqs: decoding.length, decodeContextTokens, prefillTokens, prefillAttentionWork, prefillSeqs: prefills.length};
		const emissions: Emission[] = [];
		for (const {seq, chunk} of prefills) {
			seq.prefilled += chunk;
			this.stats.promptTokens += chunk;
			if (seq.prefilled >= seq.prefillTarget) {
				emissions.push(this.produce(seq));
			}
		}

		for (const seq of decoding) {
			if (seq.running) {
				emissions.push(this.produce(seq));
			}
		}

		if (emissions.some(emission => emission.finished)) {
			this.running = this.running.filter(seq => seq.running);
		}

		this.refreshCounts();
		return {seconds: stepSeconds(this.config, work) * this.jitter(), emissions, work};
	}

	/** ±2 % per step, deterministic for the seed (xorshift). */
	private jitter(): number {
		let x = this.seqOverheadJitter || 1;
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		this.seqOverheadJitter = x >>> 0;
		return 0.98 + ((this.seqOverheadJitter % 1000) / 1000) * 0.04;
	}

	private produce(seq: Seq): Emission {
		seq.generated += 1;
		seq.kv += 1;
		this.stats.kvUsedTokens += this.config.kvPolicy === 'guaranteed' ? 0 : 1;
		this.stats.generationTokens += 1;
		const finished = seq.generated >= seq.request.outputTokens;
		if (finished) {
			seq.running = false;
			this.stats.kvUsedTokens -= this.config.kvPolicy === 'guaranteed' ? this.reservation(seq) : seq.kv;
			this.stats.finished += 1;
		}

		return {id: seq.request.id, tokens: 1, finished};
	}

	private reservation(seq: Seq): number {
		return seq.request.promptTokens + seq.request.outputTokens;
	}

	/** Chunks for partially prefilled running sequences first, then admissions from the queue. */
	private schedulePrefill(decodeTokens: number): Array<{seq: Seq; chunk: number}> {
		let budget = this.config.tokenBudget - decodeTokens;
		const chosen: Array<{seq: Seq; chunk: number}> = [];
		const take = (seq: Seq): boolean => {
			const remaining = seq.prefillTarget - seq.prefilled;
			// Without chunked prefill a prompt goes in whole; the first one may exceed the budget.
			const chunk = this.config.chunkedPrefill ? Math.min(remaining, budget) : remaining <= budget || chosen.length === 0 ? remaining : 0;
			if (chunk <= 0) {
				return false;
			}

			if (this.config.kvPolicy === 'on-demand') {
				seq.kv += chunk;
				this.stats.kvUsedTokens += chunk;
			}

			chosen.push({seq, chunk});
			budget -= chunk;
			return true;
		};

		for (const seq of this.running) {
			if (budget <= 0) {
				break;
			}

			if (seq.prefilled < seq.prefillTarget) {
				take(seq);
			}
		}

		while (budget > 0 && this.waiting.length > 0 && this.running.length < this.config.maxRunning) {
			const seq = this.waiting[0]!;
			if (!this.canAdmit(seq)) {
				break;
			}

			this.waiting.shift();
			this.running.push(seq);
			seq.running = true;
			if (this.config.kvPolicy === 'guaranteed') {
				seq.kv = this.reservation(seq);
				this.stats.kvUsedTokens += seq.kv;
			}

			if (!take(seq)) {
				break;
			}
		}

		return chosen;
	}

	private canAdmit(seq: Seq): boolean {
		const free = this.kvCapacityTokens - this.stats.kvUsedTokens;
		if (this.config.kvPolicy === 'guaranteed') {
			return this.reservation(seq) <= free;
		}

		if (this.config.batching === 'prefill-first') {
			let reserved = 0;
			for (const other of this.running) {
				reserved += (other.request.outputTokens - other.generated) * sglangNewTokenRatio;
			}

			return seq.prefillTarget + reserved <= free;
		}

		return Math.min(seq.prefillTarget, this.config.tokenBudget) + 1 <= free;
	}

	/** Each decode needs one more KV slot; when the pool is full the newest sequence is preempted (recompute). */
	private growForDecode(decoding: Seq[]): void {
		if (this.config.kvPolicy === 'guaranteed') {
			return;
		}

		while (decoding.length > 0 && this.stats.kvUsedTokens + decoding.length > this.kvCapacityTokens) {
			const victim = this.running.at(-1)!;
			this.running.pop();
			victim.running = false;
			this.stats.kvUsedTokens -= victim.kv;
			victim.kv = 0;
			victim.prefilled = 0;
			victim.prefillTarget = victim.request.promptTokens + victim.generated;
			this.waiting.unshift(victim);
			this.stats.preemptions += 1;
			const index = decoding.indexOf(victim);
			if (index >= 0) {
				decoding.splice(index, 1);
			}
		}
	}

	private refreshCounts(): void {
		this.stats.running = this.running.length;
		this.stats.waiting = this.waiting.length;
	}
}
