import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {arrivalOffsetsMs} from '../../source/bench/arrivals.js';
import {loadPlan} from '../../source/config/load-plan.js';
import type {Plan} from '../../source/config/plan.js';
import {searchQps} from '../../source/engine/qps-search.js';
import {generateCandidates} from '../../source/plan/generate-candidates.js';
import {planFor} from '../../source/sim/launch/plan-for.js';
import type {EngineConfig, SimFramework} from '../../source/sim/perf/engine-config.js';
import {simulate} from '../../source/sim/perf/simulate.js';
import {countChatPrompt} from '../../source/sim/server/tokens.js';
import {parseWorld} from '../../source/sim/world.js';
import {percentileInterval} from '../../source/stats/intervals.js';
import {materializeWorkload} from '../../source/workload/materialize.js';
import type {SlaOutcome} from '../../source/sla/verdict.js';

/**
 * The demo plan decides because its candidates really differ, not because a run was lucky (issue
 * 13). Its QPS search runs here against the simulated box's performance model alone — the same
 * candidates' flags through the same launch resolution, the same prompts as the server counts them,
 * the same seeded arrivals, the same order-statistic bound on each p90 and the same bisection — with
 * no server and no host noise. The conclusions must come out as the demo's comment says, and stay so
 * with every SLA bound moved by ±10 %: a host stall that shifts a figure by less than that cannot
 * change a winner. A change to the model that erodes the demo's margins fails here, not in a demo.
 */

type Bracket = {passed: number | null; confidentFail: number | null};

const demoPlan = fileURLToPath(new URL('../../configs/demo/demo.yaml', import.meta.url));
const simArgs = (argv: readonly string[]) => argv.slice(argv[0] === 'python' ? 3 : 2);

async function modelSearch(plan: Plan, config: EngineConfig, promptTokens: number[], outputTokens: number, scale: number): Promise<Bracket> {
	const {qps} = plan.benchmark;
	const {seed} = plan.dataset;
	const ttftBound = plan.sla.max_p90_ttft_ms! * scale;
	const tpotBound = plan.sla.max_p90_tpot_ms! * scale;
	const measure = (rate: number, batches: number): SlaOutcome => {
		const ttft: number[] = [];
		const tpot: number[] = [];
		for (let batch = 0; batch < batches; batch++) {
			// The engine's seed per extra batch (engine/run-bench.ts).
			const offsets = arrivalOffsetsMs(promptTokens.length, rate, 1, seed + batch * 7919);
			const outcome = simulate(
				config,
				offsets.map((offset, index) => ({atS: offset / 1000, promptTokens: promptTokens[index]!, outputTokens})),
			);
			ttft.push(...outcome.ttftS.map(s => s * 1000));
			tpot.push(...outcome.meanItlS.map(s => s * 1000));
		}
		const verdict = (values: number[], bound: number): SlaOutcome => {
			const interval = percentileInterval(
				values.sort((a, b) => a - b),
				90,
			);
			if (interval.upper !== null && interval.upper <= bound) return 'pass';
			return interval.lower !== null && interval.lower > bound ? 'fail' : 'undecided';
		};
		const outcomes = [verdict(ttft, ttftBound), verdict(tpot, tpotBound)];
		return outcomes.includes('fail') ? 'fail' : outcomes.includes('undecided') ? 'undecided' : 'pass';
	};
	const result = await searchQps<{batches: number}>(qps, async rate => ({passed: null, outcome: measure(rate, 1), measurement: {batches: 1}}), {
		extend: async (rate, _round, previous) => ({passed: null, outcome: measure(rate, previous.batches + 1), measurement: {batches: previous.batches + 1}}),
	});
	return {passed: result.bracket.passedRate, confidentFail: result.bracket.confidentFailRate};
}

/** The report's bracket rule (report/deciding-figure.ts): a passed where b confidently failed. */
const beats = (a: Bracket, b: Bracket) => a.passed !== null && b.confidentFail !== null && a.passed >= b.confidentFail;

async function conclusions(scale: number): Promise<Record<string, string>> {
	const {plan} = await loadPlan(demoPlan);
	const world = parseWorld(JSON.stringify({gpu_model: 'H100-80GB', gpu_count: 8, seed: 1}));
	const state = mkdtempSync(path.join(tmpdir(), 'demo-sizing-'));
	const cells: Record<string, string> = {};
	for (const scenario of plan!.scenarios) {
		const {rows} = await materializeWorkload({plan: plan!, scenario});
		const prompts = rows.map(row => {
			const count = countChatPrompt(row.prompt);
			if ('error' in count) throw new Error(count.error);
			return count.tokens;
		});
		for (const framework of plan!.frameworks) {
			const results: Array<{id: string; bracket: Bracket}> = [];
			for (const candidate of generateCandidates(plan!, framework).candidates) {
				const launch = planFor(candidate.framework as SimFramework, simArgs(candidate.argv), world, state);
				if (!launch.ok) continue; // the demo's start-up gotcha
				results.push({id: candidate.id, bracket: await modelSearch(plan!, launch.plan.config, prompts, scenario.outputLen, scale)});
			}
			const winner = results.find(a => results.every(b => b === a || beats(a.bracket, b.bracket)));
			const top = results.filter(a => !results.some(b => b !== a && beats(b.bracket, a.bracket)));
			cells[`${framework.name} ${scenario.name}`] = winner ? winner.id : `tie ${top.map(entry => entry.id).join(' = ')}`;
		}
	}
	return cells;
}

const expected = {
	'sglang chat': 'sglang-00-baseline',
	'sglang summarization': 'sglang-01-max-running-requests-16',
	'vllm chat': 'tie vllm-00-baseline = vllm-01-max-num-batched-tokens-512-no-enable-dbo',
	'vllm summarization': 'vllm-01-max-num-batched-tokens-512-no-enable-dbo',
	'tensorrt_llm chat': 'tensorrt_llm-00-baseline',
	'tensorrt_llm summarization': 'tensorrt_llm-01-max-batch-size-16',
};

for (const scale of [0.9, 1, 1.1]) {
	test(`the demo's search on the model alone: 5 of 6 cells decided, vLLM chat tied, with the SLA bounds × ${scale}`, async t => {
		t.deepEqual(await conclusions(scale), expected);
	});
}
