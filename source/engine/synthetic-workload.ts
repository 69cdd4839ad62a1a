import {createHash} from 'node:crypto';
import type {Plan, Scenario} from '../config/plan.js';
import type {WorkloadRow} from '../bench/bench-types.js';
import type {MaterializedWorkload} from './engine-deps.js';

const words = ['the', 'model', 'serves', 'tokens', 'under', 'load', 'with', 'batching', 'cache', 'prefill', 'decode', 'latency'];

/**
 * Seeded random-words workload, used only when the workload module is not available: roughly one
 * token per word, chat or completion shaped to match the endpoint, labelled synthetic.
 */
export async function syntheticWorkload(plan: Plan, scenario: Scenario): Promise<MaterializedWorkload> {
	let state = plan.dataset.seed >>> 0 || 1;
	const next = () => {
		state = (state * 1_103_515_245 + 12_345) >>> 0;
		return state;
	};

	const rows: WorkloadRow[] = [];
	for (let i = 0; i < plan.dataset.numPrompts; i++) {
		const text = Array.from({length: scenario.inputLen}, () => words[next() % words.length]).join(' ');
		rows.push({
			prompt: plan.benchmark.endpoint === '/v1/chat/completions' ? [{role: 'user', content: text}] : text,
			output_len: scenario.outputLen,
			extra_request_body: {...plan.benchmark.extraRequestBody},
			metadata: {scenario: scenario.name, index: i},
			prompt_len: scenario.inputLen,
		});
	}

	const sha256 = createHash('sha256').update(rows.map(row => JSON.stringify(row)).join('\n')).digest('hex');
	return {rows, sha256, notes: ['synthetic random-words prompts (about one token per word)'], synthetic: true};
}
