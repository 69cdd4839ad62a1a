import type {ReportModel} from './build-report.js';
import {frameworkLabel} from './format.js';

/**
 * Artifact paths a reader needs (seed output contract): canonical workload, raw and normalized
 * results, summaries, and the server logs of winners and failures.
 */

export type ArtifactPath = {readonly label: string; readonly path: string};

export function reportArtifacts(model: ReportModel): ArtifactPath[] {
	const out: ArtifactPath[] = [];
	const seen = new Set<string>();
	const add = (label: string, path: string | null | undefined) => {
		if (!path || seen.has(path)) return;
		seen.add(path);
		out.push({label, path});
	};

	if (model.context.run_dir) add('run directory', model.context.run_dir);
	for (const [label, path] of Object.entries(model.context.artifacts ?? {})) add(label, path);
	for (const entry of model.ranked) add(`workload ${entry.row.workload.scenario}`, entry.row.workload.dataset_path);
	for (const winner of model.winners) {
		const a = winner.entry.row.artifacts;
		const who = `${frameworkLabel(winner.framework)} winner ${winner.candidateId} (${winner.scenario})`;
		add(`${who} server log`, a?.server_log);
		add(`${who} raw results`, a?.raw_result);
		for (const file of winner.entry.row.statistics?.records ?? []) add(`${who} per-request records`, file);
	}

	for (const {entry} of model.notSelected) {
		if (entry.row.status === 'ok') continue;
		add(`${entry.row.candidate_id} (${entry.row.status}) server log`, entry.row.artifacts?.server_log);
	}

	const helps = new Set(model.ranked.flatMap(entry => [entry.row.artifacts?.server_help, entry.row.artifacts?.benchmark_help]));
	for (const help of helps) add('captured --help', help);
	return out;
}
