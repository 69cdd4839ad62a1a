import fs from 'node:fs';
import path from 'node:path';
import type {EngineEvent} from '../events.js';
import type {ResultRow} from '../results/result-row.js';
import {redactDeep, type Redactor} from './redact.js';

/**
 * One run directory (docs/artifacts.md). Every write goes through the redactor, so no artifact can carry a
 * secret. Journal and rows are appended synchronously: a `kill -9` loses at most the event in flight.
 */
export type RunArtifacts = {
	readonly runDir: string;
	readonly redact: Redactor;
	/** Absolute path of a file inside the run directory. */
	path(...parts: string[]): string;
	/** Relative path as recorded in rows and the manifest. */
	relative(file: string): string;
	writeText(relativePath: string, text: string): string;
	appendText(relativePath: string, text: string): string;
	writeJson(relativePath: string, value: unknown): string;
	appendEvent(event: EngineEvent): void;
	appendRow(row: ResultRow): ResultRow;
	candidateDir(framework: string, candidateId: string): string;
};

export const artifactNames = {
	plan: 'plan.yaml',
	manifest: 'manifest.json',
	events: 'events.jsonl',
	results: 'results.jsonl',
	summary: 'summary.md',
} as const;

export function helpFileName(framework: string, cli: string): string {
	return `help/${framework}_${cli.replaceAll(/[^A-Za-z0-9_.-]+/g, '_')}.txt`;
}

/** `rel` resolved inside `runDir`, or an error: a name that climbs out (`../../x`) must never be written. */
export function insideRunDir(runDir: string, ...parts: string[]): string {
	const file = path.resolve(runDir, ...parts);
	const root = path.resolve(runDir);
	if (file !== root && !file.startsWith(`${root}${path.sep}`))
		throw new Error(`artifact path ${JSON.stringify(parts.join('/'))} leaves the run directory ${root}`);
	return file;
}

export function createRunArtifacts(runDir: string, redact: Redactor): RunArtifacts {
	fs.mkdirSync(runDir, {recursive: true});
	const abs = (rel: string) => insideRunDir(runDir, rel);
	const ensureDir = (file: string) => fs.mkdirSync(path.dirname(file), {recursive: true});
	const artifacts: RunArtifacts = {
		runDir,
		redact,
		path: (...parts) => insideRunDir(runDir, ...parts),
		relative: file => path.relative(runDir, file),
		writeText(rel, text) {
			const file = abs(rel);
			ensureDir(file);
			fs.writeFileSync(file, redact(text));
			return file;
		},
		appendText(rel, text) {
			const file = abs(rel);
			ensureDir(file);
			fs.appendFileSync(file, redact(text));
			return file;
		},
		writeJson(rel, value) {
			return artifacts.writeText(rel, `${JSON.stringify(redactDeep(value, redact), null, 2)}\n`);
		},
		appendEvent(event) {
			artifacts.appendText(artifactNames.events, `${JSON.stringify(event)}\n`);
		},
		appendRow(row) {
			const clean = redactDeep(row, redact);
			const fd = fs.openSync(abs(artifactNames.results), 'a');
			try {
				fs.writeSync(fd, `${JSON.stringify(clean)}\n`);
				fs.fsyncSync(fd);
			} finally {
				fs.closeSync(fd);
			}

			return clean;
		},
		candidateDir(framework, candidateId) {
			const dir = insideRunDir(runDir, framework, candidateId);
			fs.mkdirSync(dir, {recursive: true});
			return dir;
		},
	};
	return artifacts;
}

/** `2026-05-01T12-30-05-abc` — sortable, so "the newest run" is the last name. */
export function newRunId(now = new Date(), suffix = Math.random().toString(36).slice(2, 6)): string {
	return `${now.toISOString().replaceAll(':', '-').replace(/\..+$/, '')}-${suffix}`;
}

export function readJsonl<T = unknown>(file: string): T[] {
	if (!fs.existsSync(file)) return [];
	const out: T[] = [];
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		if (!line.trim()) continue;
		try {
			out.push(JSON.parse(line) as T);
		} catch {
			// A torn last line from a kill -9 is expected; it is dropped and re-done on resume.
		}
	}

	return out;
}
