import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {useEffect, useState} from 'react';
import type {ResultRow} from '../../results/result-row.js';

/** Lines of a server log kept for the drill-down (its end: where a failure is explained). */
export const drillLogLines = 300;

export type CandidateFiles = {
	/** The end of the server log, or why it cannot be shown. */
	readonly log: {lines: readonly string[]; total: number} | {problem: string};
	/** Failed requests by error text, per raw result file (the load client's own count). */
	readonly errors: Readonly<Record<string, Readonly<Record<string, number>>>>;
};

const inside = (runDir: string, file: string) => (path.isAbsolute(file) ? file : path.join(runDir, file));

/**
 * The files behind one candidate's rows, read once per candidate: its server log (relative paths
 * are under the run directory) and the errors in each raw result. A viewer on another machine
 * (attach) has no such files and says so.
 */
export function useCandidateFiles(runDir: string | null, rows: readonly ResultRow[], candidateId: string | null): CandidateFiles | null {
	const [files, setFiles] = useState<{id: string; files: CandidateFiles} | null>(null);
	useEffect(() => {
		if (!candidateId) return;
		let live = true;
		const mine = rows.filter(row => row.candidate_id === candidateId);
		const logFile = mine.find(row => row.artifacts?.server_log)?.artifacts?.server_log ?? null;
		const load = async (): Promise<CandidateFiles> => {
			let log: CandidateFiles['log'] = {problem: 'no server log recorded for this candidate'};
			if (logFile && runDir) {
				try {
					const all = (await readFile(inside(runDir, logFile), 'utf8')).replace(/\n$/, '').split('\n');
					log = {lines: all.slice(-drillLogLines), total: all.length};
				} catch (error) {
					log = {problem: `cannot read ${inside(runDir, logFile)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`};
				}
			} else if (logFile) {
				log = {problem: `the server log ${logFile} is on the machine that ran the benchmark`};
			}

			const errors: Record<string, Record<string, number>> = {};
			for (const row of mine) {
				const raw = row.artifacts?.raw_result;
				if (!raw || !runDir) continue;
				try {
					const parsed = JSON.parse(await readFile(inside(runDir, raw), 'utf8')) as {errors?: Record<string, number>};
					if (parsed.errors && Object.keys(parsed.errors).length > 0) errors[raw] = parsed.errors;
				} catch {
					// A raw result that cannot be read leaves the row's own counts (shown anyway).
				}
			}

			return {log, errors};
		};

		void load().then(loaded => live && setFiles({id: candidateId, files: loaded}));
		return () => {
			live = false;
		};
	}, [runDir, rows, candidateId]);
	return files && files.id === candidateId ? files.files : null;
}
