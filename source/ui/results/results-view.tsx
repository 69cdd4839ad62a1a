import {Box} from 'ink';
import {useMemo} from 'react';
import {buildReport} from '../../report/build-report.js';
import type {ReportContext} from '../../report/report-context.js';
import type {ResultRow} from '../../results/result-row.js';
import {BurstTable} from './burst-table.js';
import {CaveatList} from './caveat-list.js';
import {CommandList} from './command-list.js';
import {ComparisonTables} from './comparison-tables.js';
import {NotSelectedList} from './not-selected-list.js';
import {ResultsHeader} from './results-header.js';
import {ScenarioCharts} from './scenario-charts.js';
import {WinnerEvidence} from './winner-evidence.js';

export type ResultsViewProps = {
	readonly rows: readonly ResultRow[];
	readonly context?: ReportContext;
	/** Terminal columns; every line stays within it (tables are fitted, commands wrapped). */
	readonly width?: number;
	/** Hide the character charts (e.g. on a short terminal). */
	readonly charts?: boolean;
};

/** The final results in the terminal: the same model the markdown report renders. */
export function ResultsView({rows, context, width = 100, charts = true}: ResultsViewProps) {
	const model = useMemo(() => buildReport(rows, context ?? {}), [rows, context]);
	const inner = Math.max(40, width);
	return (
		<Box flexDirection="column" width={inner}>
			<ResultsHeader model={model} />
			<ComparisonTables model={model} width={inner} />
			<WinnerEvidence model={model} />
			<CaveatList model={model} />
			<BurstTable model={model} width={inner} />
			<NotSelectedList model={model} />
			<CommandList model={model} width={inner} />
			{charts ? <ScenarioCharts model={model} width={inner} /> : null}
		</Box>
	);
}
