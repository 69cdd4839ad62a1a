import type {Candidate, Plan} from '../config/plan.js';
import {rowKey, type ResultRow} from '../results/result-row.js';

/**
 * What one scenario × max_concurrency job measures, in order. By default the SLA search (one
 * `steady` row) then a burst (`inf`) row. With `benchmark.request_rates` exactly the listed rates,
 * each its own row: a finite rate is a `single` row, `inf` a `burst` row; no search runs.
 */
export type Measurement = {readonly loadMode: 'steady' | 'burst' | 'single'; readonly rate: number | 'inf' | null};

export function measurementsOf(plan: Plan): Measurement[] {
	const rates = plan.benchmark.requestRates;
	if (!rates || rates.length === 0)
		return [
			{loadMode: 'steady', rate: null},
			{loadMode: 'burst', rate: 'inf'},
		];
	const unique = [...new Set(rates)];
	return unique.map(rate => (Number.isFinite(rate) ? {loadMode: 'single', rate} : {loadMode: 'burst', rate: 'inf'}));
}

export function measurementKey(
	candidate: Pick<Candidate, 'framework' | 'id'>,
	scenario: string,
	maxConcurrency: number | null,
	measurement: Measurement,
): string {
	return rowKey({
		framework: candidate.framework,
		candidate_id: candidate.id,
		workload: {scenario, max_concurrency: maxConcurrency, load_mode: measurement.loadMode, request_rate: measurement.rate},
	} as ResultRow);
}
