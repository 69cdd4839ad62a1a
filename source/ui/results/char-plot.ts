import {niceTicks} from '../../report/svg-chart.js';

/**
 * A line/scatter plot drawn in characters, for the terminal results view. Pure: series in, lines
 * out (each at most `width` characters). Points use the series' own character; segments between a
 * series' points are dotted so overlapping curves stay readable.
 */

export type CharSeries = {readonly char: string; readonly points: ReadonlyArray<{x: number; y: number}>; readonly line?: boolean};
/** A horizontal reference line (an SLA bound) drawn under the points. */
export type CharLine = {readonly y: number; readonly char?: string};
export type CharPlot = {
	readonly width: number;
	readonly height: number;
	readonly xLabel: string;
	readonly series: readonly CharSeries[];
	readonly lines?: readonly CharLine[];
};

const axisWidth = 8;

function label(value: number): string {
	const text = Math.abs(value) >= 1000 ? `${Number((value / 1000).toPrecision(3))}k` : String(Number(value.toPrecision(4)));
	return text.length > axisWidth - 1 ? text.slice(0, axisWidth - 1) : text;
}

export function plotChars(plot: CharPlot): string[] {
	const all = plot.series.flatMap(s => s.points);
	if (all.length === 0) return ['(no measured points)'];
	const plotWidth = Math.max(10, plot.width - axisWidth - 1);
	const height = Math.max(3, plot.height);
	const xMax = niceTicks(0, Math.max(...all.map(p => p.x))).at(-1) || 1;
	const yMax = niceTicks(0, Math.max(...all.map(p => p.y), ...(plot.lines ?? []).map(line => line.y))).at(-1) || 1;
	const grid = Array.from({length: height}, () => Array.from({length: plotWidth}, () => ' '));
	const col = (x: number) => Math.min(plotWidth - 1, Math.max(0, Math.round((x / xMax) * (plotWidth - 1))));
	const row = (y: number) => Math.min(height - 1, Math.max(0, height - 1 - Math.round((y / yMax) * (height - 1))));
	for (const line of plot.lines ?? []) grid[row(line.y)]!.fill(line.char ?? '┄');
	for (const series of plot.series) {
		const points = [...series.points].sort((a, b) => a.x - b.x);
		if (series.line !== false) {
			for (let i = 1; i < points.length; i++) {
				const [a, b] = [points[i - 1]!, points[i]!];
				const steps = Math.max(Math.abs(col(b.x) - col(a.x)), Math.abs(row(b.y) - row(a.y)));
				for (let s = 1; s < steps; s++) {
					const t = s / steps;
					const cell = grid[row(a.y + (b.y - a.y) * t)]![col(a.x + (b.x - a.x) * t)]!;
					if (cell === ' ' || cell === '┄') grid[row(a.y + (b.y - a.y) * t)]![col(a.x + (b.x - a.x) * t)] = '·';
				}
			}
		}

		for (const p of points) grid[row(p.y)]![col(p.x)] = series.char;
	}

	const lines = grid.map((cells, index) => {
		const tick = index === 0 ? label(yMax) : index === height - 1 ? '0' : index === Math.floor((height - 1) / 2) ? label(yMax / 2) : '';
		return `${tick.padStart(axisWidth - 1)}│${cells.join('')}`.trimEnd();
	});
	lines.push(`${' '.repeat(axisWidth - 1)}└${'─'.repeat(plotWidth)}`);
	const [mid, end] = [label(xMax / 2), label(xMax)];
	const ticks = Array.from({length: plotWidth + 1}, () => ' ');
	const put = (at: number, text: string): void => {
		for (const [i, ch] of text.split('').entries()) ticks[Math.min(plotWidth, at + i)] = ch;
	};
	put(0, '0');
	put(Math.floor(plotWidth / 2) - Math.floor(mid.length / 2), mid);
	put(plotWidth + 1 - end.length, end);
	lines.push(`${' '.repeat(axisWidth - 1)}${ticks.join('')}`.trimEnd());
	const xLabel = plot.xLabel.length > plotWidth ? plot.xLabel.slice(0, plotWidth) : plot.xLabel;
	lines.push(`${' '.repeat(axisWidth + Math.max(0, Math.floor((plotWidth - xLabel.length) / 2)))}${xLabel}`);
	return lines;
}
