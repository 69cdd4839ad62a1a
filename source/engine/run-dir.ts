import fs from 'node:fs';
import path from 'node:path';
import {UserError} from '../errors.js';
import {artifactNames, newRunId} from './artifacts.js';
import {identityDifferences, planIdentityFile, type PlanIdentity} from './plan-identity.js';
import {newestRunDir} from './resume-run.js';
import type {RunContext} from './run-context.js';

const fsReasons: Record<string, string> = {
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	EROFS: 'the file system is read-only',
	ENOSPC: 'the disk is full',
	ENOTDIR: 'a part of the path is a file, not a folder',
	ENOENT: 'it cannot be created there',
};

const reasonOf = (error: unknown) => {
	const code = (error as NodeJS.ErrnoException).code ?? '';
	return `${fsReasons[code] ?? (error as Error).message}${code ? ` (${code})` : ''}`;
};

/**
 * Create `dir` (and missing parents) one level at a time after checking the nearest existing
 * ancestor is a writable folder. Node's recursive mkdir loops on some pseudo file systems (/proc)
 * and reports a file in the way as ENOENT; this names the real problem, quickly.
 */
export function createOutputDir(dir: string, flag: string): void {
	const missing: string[] = [];
	let existing = path.resolve(dir);
	for (;;) {
		const stat = fs.statSync(existing, {throwIfNoEntry: false});
		if (stat) {
			if (!stat.isDirectory()) throw new UserError(`${flag} ${dir}: ${existing} is a file, not a folder. Choose another ${flag}.`);
			break;
		}

		missing.unshift(existing);
		const parent = path.dirname(existing);
		if (parent === existing) break;
		existing = parent;
	}

	try {
		fs.accessSync(existing, fs.constants.W_OK);
		for (const level of missing) fs.mkdirSync(level);
	} catch (error) {
		throw new UserError(`${flag} ${dir}: cannot create or write it: ${reasonOf(error)}. Choose a writable ${flag}.`);
	}
}

/**
 * The run directory: a fresh one under the output directory, or the one `--resume` names (which
 * must exist and be a run directory; a missing one is not silently started fresh).
 */
export function resolveRunDir(outputDir: string, resume: string | true | undefined): string {
	if (resume === undefined) {
		createOutputDir(outputDir, '--output-dir');
		return path.join(outputDir, newRunId());
	}

	const runDir = resume === true ? newestRunDir(outputDir) : path.resolve(resume);
	const stat = fs.statSync(runDir, {throwIfNoEntry: false});
	if (!stat)
		throw new UserError(
			`--resume ${resume === true ? runDir : resume}: ${runDir} does not exist. Give the directory of an earlier run (it holds ${artifactNames.events}), or leave out --resume to start a new run.`,
		);
	if (!stat.isDirectory() || !fs.existsSync(path.join(runDir, artifactNames.events))) {
		throw new UserError(
			`--resume ${resume === true ? runDir : resume}: not a run directory (no ${artifactNames.events} inside). Give the directory of an earlier run.`,
		);
	}

	return runDir;
}

/** A run recorded before plan identities existed: said once on resume, then recorded. */
export function missingIdentityNote(runDir: string): string | null {
	return fs.existsSync(path.join(runDir, planIdentityFile))
		? null
		: `${runDir} has no ${planIdentityFile} (recorded by an older version): the plan could not be compared with the one it started with`;
}

/**
 * On `--resume`, the plan must measure what the earlier attempt measured; otherwise old and new
 * rows would share one ranking. A run without a recorded identity passes (missingIdentityNote says so).
 */
export function checkResumedPlan(runDir: string, identity: PlanIdentity): void {
	const file = path.join(runDir, planIdentityFile);
	if (!fs.existsSync(file)) return;
	let before: PlanIdentity;
	try {
		before = JSON.parse(fs.readFileSync(file, 'utf8')) as PlanIdentity;
	} catch {
		throw new UserError(`--resume ${runDir}: ${planIdentityFile} is damaged; the plan cannot be compared. Start a new run.`);
	}

	const differences = identityDifferences(before, identity);
	if (differences.length > 0) {
		throw new UserError(
			`--resume ${runDir}: the plan changed since this run started, so old and new rows would mix in one ranking:\n  ${differences.join('\n  ')}\nRestore the plan, or start a new run without --resume.`,
		);
	}
}

/** Resumed rows whose candidate this plan does not generate (a changed catalog or help): they are kept, and said. */
export function foreignRowsWarning(context: RunContext): string | null {
	const known = new Set(
		[...context.frameworks.values()].flatMap(prep => [
			...prep.candidates.map(c => c.id),
			...prep.rejected.map((r, i) => r.id ?? `${r.framework}-rejected-${String(i).padStart(2, '0')}`),
		]),
	);
	const foreign = [...new Set(context.ledger.rows.map(row => row.candidate_id).filter(id => !known.has(id)))];
	if (foreign.length === 0) return null;
	return `${foreign.length} candidate(s) in the resumed results.jsonl are not in this plan's candidate list (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}): their rows are kept but were measured under another candidate list`;
}
