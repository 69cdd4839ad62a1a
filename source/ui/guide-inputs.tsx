import {mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {render} from 'ink';
import {stringify} from 'yaml';
import {UserError} from '../errors.js';
import {formatIssue, loadPlan} from '../config/load-plan.js';
import {buildFields, type WizardValues} from './wizard/wizard-fields.js';
import {defaultsFrom, sourceDocument} from './wizard/plan-defaults.js';
import {buildPlanYaml} from './wizard/build-plan.js';
import {detectGpus} from './wizard/detect-gpus.js';
import {Wizard} from './wizard/wizard.js';

const cookbookDir = fileURLToPath(new URL('../../configs/cookbook-llm/', import.meta.url));

export type GuidedPlan = {planFile: string; recipe: string; outputDir: string};

/**
 * The guided inputs: pick where to start (a plan file, a cookbook config, scratch), confirm or edit
 * each field, see the version manifest, then the plan YAML is written into the output directory and
 * validated. `yes` accepts every default. Resolves null when the operator pressed ctrl-c.
 */
export async function guideInputs(options: {planFile?: string; recipe?: string; outputDir?: string; yes?: boolean} = {}): Promise<GuidedPlan | null> {
	const cookbooks = readdirSync(cookbookDir).filter(file => file.endsWith('.yaml')).sort().map(file => path.join(cookbookDir, file));
	const choices = [...(options.planFile ? [options.planFile] : []), 'scratch', ...cookbooks];
	const gpus = await detectGpus();
	const context = {gpuIds: gpus.filter(gpu => !gpu.busy).map(gpu => gpu.index), recipe: options.recipe ?? (gpus.length === 0 ? 'simulated' : 'local'), outputDir: options.outputDir ?? './runs'};
	const defaultsFor = (source: string): WizardValues => defaultsFrom(source, sourceDocument(source), context);
	const manifest = (values: WizardValues) => {
		const doc = sourceDocument(values.source);
		return doc['version_manifest'] ? stringify(doc['version_manifest']).trim() : 'Framework versions are queried during preflight and recorded in manifest.json.';
	};

	let values: WizardValues | null = defaultsFor(choices[0]!);
	if (!options.yes) {
		const answers: {values: WizardValues | null} = {values: null};
		const instance = render(
			<Wizard fields={buildFields(choices)} initial={values} gpus={gpus} manifest={manifest} defaultsFor={defaultsFor} interactive={Boolean(process.stdin.isTTY)} onDone={result => (answers.values = result)} />,
			{exitOnCtrlC: false},
		);
		if (!process.stdin.isTTY) instance.unmount();
		await instance.waitUntilExit();
		values = process.stdin.isTTY ? answers.values : values;
	}

	if (!values) return null;
	const outputDir = path.resolve(values.outputDir);
	mkdirSync(outputDir, {recursive: true});
	const planFile = path.join(outputDir, `plan-${new Date().toISOString().replace(/[:.]/g, '-')}.yaml`);
	writeFileSync(planFile, buildPlanYaml(sourceDocument(values.source), values));
	const {issues} = await loadPlan(planFile);
	const errors = issues.filter(issue => issue.severity === 'error');
	if (errors.length > 0) throw new UserError(`the plan written from the guided inputs does not validate:\n${errors.map(formatIssue).join('\n')}\nEdit ${planFile} or run the guided inputs again.`);
	return {planFile, recipe: values.recipe, outputDir};
}
