import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {ResultRow} from '../results/result-row.js';
import {buildReport, type ReportModel} from './build-report.js';
import {renderCsv} from './render-csv.js';
import {renderHtml} from './render-html.js';
import {renderJson} from './render-json.js';
import {renderMarkdown} from './render-markdown.js';
import type {ReportContext} from './report-context.js';
import type {Winner} from './winners.js';

/**
 * Writes the report in every requested form from one model, so the winners agree everywhere. Used
 * by `report` and by the engine at the end of a run (summary.md/csv/json plus report.html).
 */

export type ReportPaths = {markdown?: string; csv?: string; json?: string; html?: string};
export type WrittenReport = {markdown: string; winners: readonly Winner[]; model: ReportModel};

export {renderCsv, renderHtml, renderJson, renderMarkdown};

async function write(file: string, text: string): Promise<void> {
	await mkdir(path.dirname(path.resolve(file)), {recursive: true});
	await writeFile(file, text);
}

export async function writeReport(rows: readonly ResultRow[], context: ReportContext = {}, paths: ReportPaths = {}): Promise<WrittenReport> {
	const model = buildReport(rows, context);
	const markdown = renderMarkdown(model);
	const jobs: Array<Promise<void>> = [];
	if (paths.markdown) jobs.push(write(paths.markdown, markdown));
	if (paths.csv) jobs.push(write(paths.csv, renderCsv(model)));
	if (paths.json) jobs.push(write(paths.json, renderJson(model)));
	if (paths.html) jobs.push(write(paths.html, renderHtml(model)));
	await Promise.all(jobs);
	return {markdown, winners: model.winners, model};
}
