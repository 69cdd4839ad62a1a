/**
 * A small inline-SVG line/scatter chart: axes with ticks, one polyline and circles per series, a
 * legend. No scripts, fonts or network, so the HTML report opens anywhere.
 */

export type SvgSeries = {
	readonly label: string;
	readonly color: string;
	readonly points: ReadonlyArray<{x: number; y: number; hollow?: boolean}>;
	readonly dashed?: boolean;
	/** Draw the connecting line (false = scatter only). */
	readonly line?: boolean;
};

export type SvgChart = {readonly title: string; readonly xLabel: string; readonly yLabel: string; readonly series: readonly SvgSeries[]};

/** A framework's series colour (FrameworkAdapter.colour; a spare one for unregistered frameworks). */
export {frameworkColour as colorFor} from '../frameworks/registry.js';

export function escapeXml(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** Round, human tick steps (1, 2, 5 × 10^n) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
	const span = max - min || Math.abs(max) || 1;
	const raw = span / count;
	const magnitude = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 5, 10].map(f => f * magnitude).find(s => s >= raw) ?? raw;
	const ticks: number[] = [];
	for (let tick = Math.floor(min / step) * step; ticks.length < 20; tick += step) {
		ticks.push(Number(tick.toPrecision(10)));
		if (tick >= max) break;
	}

	return ticks;
}

const [width, height] = [560, 320];
const margin = {left: 64, right: 16, top: 28, bottom: 72};

export function svgChart(chart: SvgChart): string {
	const all = chart.series.flatMap(s => s.points);
	if (all.length === 0) {
		return `<svg class="chart" role="img" width="${width}" height="80" viewBox="0 0 ${width} 80"><title>${escapeXml(chart.title)}</title><text x="8" y="40">${escapeXml(chart.title)}: no measured points</text></svg>`;
	}

	const xs = niceTicks(0, Math.max(...all.map(p => p.x)));
	const ys = niceTicks(0, Math.max(...all.map(p => p.y)));
	const [xMax, yMax] = [xs.at(-1)! || 1, ys.at(-1)! || 1];
	const plotW = width - margin.left - margin.right;
	const plotH = height - margin.top - margin.bottom;
	const sx = (x: number) => (margin.left + (x / xMax) * plotW).toFixed(1);
	const sy = (y: number) => (margin.top + plotH - (y / yMax) * plotH).toFixed(1);
	const parts: string[] = [`<title>${escapeXml(chart.title)}</title>`, `<text x="8" y="18" class="chart-title">${escapeXml(chart.title)}</text>`];
	for (const tick of xs)
		parts.push(
			`<line x1="${sx(tick)}" y1="${margin.top}" x2="${sx(tick)}" y2="${margin.top + plotH}" class="grid"/><text x="${sx(tick)}" y="${margin.top + plotH + 16}" text-anchor="middle">${tick}</text>`,
		);
	for (const tick of ys)
		parts.push(
			`<line x1="${margin.left}" y1="${sy(tick)}" x2="${margin.left + plotW}" y2="${sy(tick)}" class="grid"/><text x="${margin.left - 6}" y="${sy(tick)}" text-anchor="end" dominant-baseline="middle">${tick}</text>`,
		);
	parts.push(`<path d="M${margin.left},${margin.top}V${margin.top + plotH}H${margin.left + plotW}" class="axis"/>`);
	parts.push(`<text x="${margin.left + plotW / 2}" y="${margin.top + plotH + 34}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`);
	parts.push(`<text transform="translate(14 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`);
	for (const series of chart.series) {
		const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
		if (series.line !== false && series.points.length > 1) {
			const d = series.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x)},${sy(p.y)}`).join('');
			parts.push(`<path d="${d}" fill="none" stroke="${series.color}" stroke-width="2"${dash}/>`);
		}

		for (const p of series.points) {
			parts.push(
				`<circle cx="${sx(p.x)}" cy="${sy(p.y)}" r="3.5" stroke="${series.color}" fill="${p.hollow ? '#fff' : series.color}"><title>${escapeXml(`${series.label}: ${p.x}, ${p.y}`)}</title></circle>`,
			);
		}
	}

	const legendY = height - 18;
	let legendX = margin.left;
	for (const series of chart.series) {
		const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
		parts.push(
			`<line x1="${legendX}" y1="${legendY}" x2="${legendX + 18}" y2="${legendY}" stroke="${series.color}" stroke-width="2"${dash}/><text x="${legendX + 22}" y="${legendY}" dominant-baseline="middle">${escapeXml(series.label)}</text>`,
		);
		legendX += 30 + series.label.length * 6.2;
	}

	return `<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="${Math.max(width, legendX)}" height="${height}" viewBox="0 0 ${Math.max(width, legendX)} ${height}">${parts.join('')}</svg>`;
}
