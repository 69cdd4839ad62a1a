import type {Executor} from '../executor.js';

const refusal =
	'a kubernetes recipe is rendered, not run: `llm-bench-tui plan CONFIG --recipe RECIPE` prints one Job per candidate to apply with kubectl (docs/recipes.md)';

/** The kubernetes kind talks to no API server (none can run here): every command says so. */
export function renderOnlyExecutor(): Executor {
	const refuse = (): never => {
		throw new Error(refusal);
	};

	return {
		kind: 'kubernetes',
		connectHost: '127.0.0.1',
		bindHost: '0.0.0.0',
		run: async () => ({code: null, stdout: '', stderr: '', timedOut: false, error: refusal}),
		launch: refuse,
		describeLaunch: refuse,
		stopLeftover: async () => 'nothing: a kubernetes recipe starts nothing',
	};
}
