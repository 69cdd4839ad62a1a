import type {Plan} from '../config/plan.js';
import type {LoadedRecipe} from '../recipes/recipe-schema.js';
import type {EngineEvent} from '../events.js';

/**
 * The engine's public face (docs/architecture.md rule 3): commands go in as calls, facts come out as
 * events. The TUI, the ws server, SIGINT and `--headless` all drive a run through this.
 */
export type Session = {
	/** Every event so far, in order (late subscribers replay it, then follow live). */
	readonly history: readonly EngineEvent[];
	/** Returns an unsubscribe function. */
	subscribe(listener: (event: EngineEvent) => void): () => void;
	/** After preflight the engine waits here when `confirm: true` was asked. */
	proceed(): void;
	/** Skip the running (or a queued) candidate; it is recorded as `skipped`. */
	skip(candidateId?: string): void;
	/** Stop every server, record unfinished candidates as skipped, still write the report. */
	abort(reason?: string): void;
	/**
	 * Synchronously record every unfinished candidate as skipped (cause run-aborted) and return how
	 * many: for a runner that exits at once (a second stop signal). Only a session that owns the run
	 * directory has it; a remote viewer's session does not.
	 */
	recordUnfinished?(reason: string): number;
	/** Resolves with the run directory when the run has finished (or was aborted). */
	readonly done: Promise<{runDir: string; exitCode: number}>;
};

/** A run's inputs, loaded and checked at the command edge (commands/load-run-inputs.ts). */
export type RunInputs = {
	readonly plan: Plan;
	readonly recipe: LoadedRecipe;
	/** A new run directory, or the one to continue when `resumed`. */
	readonly runDir: string;
	readonly resumed: boolean;
};

export type SessionOptions = RunInputs & {
	/** Wait for `proceed()` after preflight (the TUI's confirmation). */
	readonly confirm?: boolean;
};
