import type {GpuSample} from '../events.js';

/** `gpu_telemetry` of a row: what nvidia-smi saw on the candidate's GPUs during the round. */
export type GpuTelemetryBlock = {
	utilization_mean_pct: number | null;
	/** The fullest GPU's peak memory during the round. */
	memory_peak_mib: number | null;
	/** Mean board power summed over the candidate's GPUs, over the steady window. */
	power_mean_w: number | null;
	temperature_max_c: number | null;
	sm_clock_mean_mhz: number | null;
	/** Mean power ÷ output tokens per second over the steady window (J per output token). */
	energy_per_output_token_j: number | null;
	/** `steady` (between 10 % and 90 % of the requests answered) or `round` (too few readings in it). */
	window: 'steady' | 'round' | null;
	samples: number;
};

export type TimedGpuSample = {readonly t: number; readonly gpus: readonly GpuSample[]};

const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);
const present = (values: ReadonlyArray<number | null | undefined>): number[] =>
	values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
const round = (value: number | null, digits: number) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

/**
 * nvidia-smi readings of the round → the row block. `steady` bounds the window (wall ms); the
 * energy figure divides the mean power in it by the round's output-token throughput.
 */
export function summarizeGpuTelemetry(
	samples: readonly TimedGpuSample[],
	steady: {from: number | null; to: number | null},
	outputTokensPerS: number | null,
): GpuTelemetryBlock | null {
	if (samples.length === 0) return null;
	const inSteady = steady.from === null ? [] : samples.filter(sample => sample.t >= steady.from! && sample.t <= (steady.to ?? Number.POSITIVE_INFINITY));
	const window = inSteady.length > 0 ? inSteady : samples;
	const totalPower = window
		.map(sample => present(sample.gpus.map(gpu => gpu.powerW)))
		.filter(watts => watts.length > 0)
		.map(watts => watts.reduce((sum, w) => sum + w, 0));
	const power = mean(totalPower);
	const all = samples.flatMap(sample => sample.gpus);
	return {
		utilization_mean_pct: round(mean(present(window.flatMap(sample => sample.gpus.map(gpu => gpu.utilizationPct)))), 1),
		memory_peak_mib: present(all.map(gpu => gpu.memoryUsedMiB)).reduce<number | null>((max, value) => (max === null || value > max ? value : max), null),
		power_mean_w: round(power, 1),
		temperature_max_c: present(all.map(gpu => gpu.temperatureC)).reduce<number | null>((max, value) => (max === null || value > max ? value : max), null),
		sm_clock_mean_mhz: round(mean(present(window.flatMap(sample => sample.gpus.map(gpu => gpu.smClockMHz)))), 0),
		energy_per_output_token_j: power !== null && outputTokensPerS !== null && outputTokensPerS > 0 ? round(power / outputTokensPerS, 4) : null,
		window: inSteady.length > 0 ? 'steady' : 'round',
		samples: window.length,
	};
}
