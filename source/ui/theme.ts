import type {CandidateStatus} from '../engine/run-state.js';
import type {PreflightCheckStatus, ServerPhase} from '../events.js';

/** Colors and glyphs in one place, so every screen says "failed" the same way. */

export const statusColor: Readonly<Record<CandidateStatus, string>> = {
	queued: 'gray',
	running: 'cyan',
	ok: 'green',
	failed: 'red',
	oom: 'red',
	timeout: 'yellow',
	skipped: 'yellow',
};

export const statusGlyph: Readonly<Record<CandidateStatus, string>> = {
	queued: '·',
	running: '▶',
	ok: '✔',
	failed: '✘',
	oom: '✘',
	timeout: '⧗',
	skipped: '↷',
};

export const checkColor: Readonly<Record<PreflightCheckStatus, string>> = {
	running: 'cyan',
	passed: 'green',
	failed: 'red',
	warning: 'yellow',
	skipped: 'gray',
};

export const checkGlyph: Readonly<Record<Exclude<PreflightCheckStatus, 'running'>, string>> = {
	passed: '✔',
	failed: '✘',
	warning: '⚠',
	skipped: '-',
};

export const phaseColor: Readonly<Record<ServerPhase, string>> = {
	launching: 'cyan',
	loading: 'cyan',
	ready: 'green',
	stopped: 'gray',
	failed: 'red',
};

/** Log lines an operator must not miss (OOM, NCCL, tracebacks, errors). */
export const alarmingLine = /out of memory|\boom\b|nccl|error|traceback|exception|killed|fatal/i;
