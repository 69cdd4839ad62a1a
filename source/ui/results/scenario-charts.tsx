import {Box, Text} from 'ink';
import type {ReportModel} from '../../report/build-report.js';
import {paretoFrontier, paretoPoints, scenarioCurves, type CandidateCurve} from '../../report/chart-data.js';
import {chartLetters} from '../../frameworks/registry.js';
import {frameworkLabel} from '../../report/format.js';
import {plotChars, type CharSeries} from './char-plot.js';

/**
 * Per scenario: request throughput against p50/p99 TTFT and TPOT across the QPS points of each
 * framework's best candidate (lowercase letter = p50, uppercase = p99), and the Pareto frontier
 * of every measured point across frameworks (uppercase = on the frontier).
 */

function latencySeries(curves: readonly CandidateCurve[], metric: 'Ttft' | 'Tpot', letters: ReadonlyMap<string, string>): CharSeries[] {
	return curves.flatMap(curve => {
		const letter = letters.get(curve.framework) ?? '?';
		return (['p50', 'p99'] as const).map(stat => ({
			char: stat === 'p50' ? letter : letter.toUpperCase(),
			points: curve.points.flatMap(p => (p[`${stat}${metric}Ms`] === null ? [] : [{x: p.throughput, y: p[`${stat}${metric}Ms`]!}])),
		}));
	});
}

function Chart({title, lines}: {readonly title: string; readonly lines: readonly string[]}) {
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold>{title}</Text>
			<Text>{lines.join('\n')}</Text>
		</Box>
	);
}

export function ScenarioCharts({model, width, height = 8}: {readonly model: ReportModel; readonly width: number; readonly height?: number}) {
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold underline>
				Throughput vs latency
			</Text>
			{model.scenarios.map(scenario => {
				const curves = scenarioCurves(model, scenario);
				if (curves.length === 0) return <Text key={scenario}>{scenario}: no finished candidate to plot</Text>;
				// Registered frameworks keep their own letter; others get a free one (never a collision).
				const letters = chartLetters([...model.frameworks, ...curves.map(c => c.framework)]);
				const letter = (framework: string) => letters.get(framework) ?? '?';
				const legend = curves.map(c => `${letter(c.framework)}/${letter(c.framework).toUpperCase()} ${frameworkLabel(c.framework)} ${c.candidateId}`).join('  ');
				const points = paretoPoints(model, scenario);
				const frontier = new Set(paretoFrontier(points));
				const pareto: CharSeries[] = model.frameworks.map(framework => ({
					char: letter(framework),
					line: false,
					points: points.filter(p => p.framework === framework && !frontier.has(p)).map(p => ({x: p.p99TtftMs, y: p.throughput})),
				}));
				pareto.push(...model.frameworks.map(framework => ({char: letter(framework).toUpperCase(), line: false, points: [...frontier].filter(p => p.framework === framework).map(p => ({x: p.p99TtftMs, y: p.throughput}))})));
				return (
					<Box key={scenario} flexDirection="column" marginTop={1}>
						<Text bold color="cyan">
							{scenario}
						</Text>
						<Text wrap="wrap" dimColor>
							{legend} (lowercase p50, uppercase p99)
						</Text>
						<Chart title="TTFT ms ↑ vs request throughput req/s →" lines={plotChars({width, height, xLabel: 'request throughput (req/s)', series: latencySeries(curves, 'Ttft', letters)})} />
						<Chart title="TPOT ms ↑ vs request throughput req/s →" lines={plotChars({width, height, xLabel: 'request throughput (req/s)', series: latencySeries(curves, 'Tpot', letters)})} />
						<Chart title="Pareto: request throughput req/s ↑ vs p99 TTFT ms → (uppercase = on the frontier)" lines={plotChars({width, height, xLabel: 'p99 TTFT (ms)', series: pareto})} />
					</Box>
				);
			})}
		</Box>
	);
}
