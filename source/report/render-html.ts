import type {ReportModel} from './build-report.js';
import {paretoFrontier, paretoPoints, scenarioCurves} from './chart-data.js';
import {frameworkLabel} from './format.js';
import {failedTableSentence} from './render-markdown.js';
import {reportArtifacts} from './report-artifacts.js';
import {
	bestByFrameworkTables,
	burstTable,
	crossFrameworkTables,
	failedTable,
	versionsTable,
	workloadTable,
	type Cell,
	type TableSpec,
} from './report-tables.js';
import {colorFor, escapeXml, svgChart, type SvgSeries} from './svg-chart.js';

/**
 * One self-contained HTML file: the markdown's sections as tables plus inline SVG charts. No
 * scripts, stylesheets, fonts or images are fetched, so it opens offline on the GPU box or a laptop.
 */

const style = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#212529;max-width:1400px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:12px}th,td{border:1px solid #ced4da;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#f1f3f5}code,pre{font:12px ui-monospace,monospace;white-space:pre-wrap;word-break:break-all}pre{background:#f8f9fa;padding:8px;border:1px solid #dee2e6}
.banner{background:#fff3bf;border:2px solid #f08c00;padding:8px 12px;font-weight:bold}.note{color:#495057;white-space:pre-line}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{background:#fff;border:1px solid #dee2e6}.chart text{font-size:11px;fill:#343a40}
.chart .chart-title{font-size:13px;font-weight:bold}.chart .grid{stroke:#e9ecef}.chart .axis{stroke:#495057;fill:none}`;

const esc = escapeXml;
const cell = (value: Cell): string => (typeof value === 'string' ? esc(value) : `<code>${esc(value.code)}</code>`);

function table(spec: TableSpec, heading = 'h3'): string {
	const head = `<tr>${spec.headers.map(h => `<th>${esc(h)}</th>`).join('')}</tr>`;
	const body = spec.rows.map(row => `<tr>${row.map(value => `<td>${cell(value)}</td>`).join('')}</tr>`).join('');
	const note = spec.note ? `<p class="note">${esc(spec.note)}</p>` : '';
	return `<${heading}>${esc(spec.title)}</${heading}>${spec.rows.length > 0 ? `<table>${head}${body}</table>` : '<p>none</p>'}${note}`;
}

function latencyChart(model: ReportModel, scenario: string, metric: 'Ttft' | 'Tpot'): string {
	const series: SvgSeries[] = scenarioCurves(model, scenario).flatMap((curve, index) => {
		const color = colorFor(curve.framework, index);
		const label = `${frameworkLabel(curve.framework)}`;
		return (['p50', 'p99'] as const).map(stat => ({
			label: `${label} ${stat}`,
			color,
			dashed: stat === 'p50',
			points: curve.points.flatMap(p => {
				const y = p[`${stat}${metric}Ms`];
				return y === null ? [] : [{x: p.throughput, y, hollow: !p.passed}];
			}),
		}));
	});
	const name = metric === 'Ttft' ? 'TTFT' : 'TPOT';
	return svgChart({
		title: `${scenario} · ${name} vs throughput, best per framework (hollow = failed SLA)`,
		xLabel: 'request throughput (req/s)',
		yLabel: `${name} (ms)`,
		series,
	});
}

function paretoChart(model: ReportModel, scenario: string): string {
	const points = paretoPoints(model, scenario);
	const series: SvgSeries[] = model.frameworks.map((framework, index) => ({
		label: frameworkLabel(framework),
		color: colorFor(framework, index),
		line: false,
		points: points.filter(p => p.framework === framework).map(p => ({x: p.p99TtftMs, y: p.throughput, hollow: !p.passed})),
	}));
	series.push({label: 'Pareto frontier', color: '#212529', points: paretoFrontier(points).map(p => ({x: p.p99TtftMs, y: p.throughput}))});
	return svgChart({
		title: `${scenario} · Pareto frontier across frameworks (all QPS points)`,
		xLabel: 'p99 TTFT (ms)',
		yLabel: 'request throughput (req/s)',
		series,
	});
}

export function renderHtml(model: ReportModel): string {
	const burst = burstTable(model);
	const charts = model.scenarios
		.map(s => `<h3>${esc(s)}</h3><div class="charts">${latencyChart(model, s, 'Ttft')}${latencyChart(model, s, 'Tpot')}${paretoChart(model, s)}</div>`)
		.join('');
	const commands = model.winners
		.map(
			w =>
				`<h3>${esc(`${w.scenario} — ${frameworkLabel(w.framework)} (rank ${w.rank}): ${w.candidateId}`)}</h3><p>Launch:</p><pre>${esc(w.entry.row.server_command ?? 'not recorded')}</pre><p>Benchmark:</p><pre>${esc(w.entry.row.benchmark_command ?? 'not recorded')}</pre>`,
		)
		.join('');
	const body = [
		'<h1>LLM serving benchmark report</h1>',
		model.simulated ? '<p class="banner">SIMULATED — figures are plausible, not real. These rows come from the simulated GPU box.</p>' : '',
		`<p>Model: ${esc(model.model ?? '—')}</p>`,
		`<h2>1. Workload, SLA, hardware and versions</h2>${table(workloadTable(model))}${table(versionsTable(model))}`,
		`<h2>Charts</h2>${charts}`,
		`<h2>2. Best Commands By Framework</h2>${bestByFrameworkTables(model)
			.map(spec => table(spec))
			.join('')}`,
		`<h2>3. Cross-Framework Best Comparison</h2>${crossFrameworkTables(model)
			.map(spec => table(spec))
			.join('')}${burst ? table(burst) : ''}`,
		`<h2>4. Failed Or SLA-Failing Candidates</h2><p>${esc(failedTableSentence)}</p>${table({...failedTable(model), title: ''}, 'div')}`,
		`<h2>5. Winner Launch And Benchmark Commands</h2>${commands || '<p>No candidate passed the SLA.</p>'}`,
		`<h2>6. Artifacts</h2><ul>${reportArtifacts(model)
			.map(a => `<li>${esc(a.label)}: <code>${esc(a.path)}</code></li>`)
			.join('')}</ul>`,
		`<h2>7. Caveats</h2><ul>${model.caveats.map(text => `<li>${esc(text)}</li>`).join('')}</ul>`,
	].join('\n');
	return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>LLM serving benchmark report${model.simulated ? ' (SIMULATED)' : ''}</title><style>${style}</style></head>\n<body>\n${body}\n</body></html>\n`;
}
