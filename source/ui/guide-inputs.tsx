import {mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {render} from 'ink';
import {stringify} from 'yaml';
import {UserError} from '../errors.js';
import {formatIssue, loadPlan} from '../config/load-plan.js';
import {buildFields, type Field, type FieldKey, type WizardValues} from './wizard/wizard-fields.js';
import type {ConfigIssue} from '../config/plan.js';
import {defaultsFrom, sourceDocument} from './wizard/plan-defaults.js';
import {buildPlanYaml} from './wizard/build-plan.js';
import {detectGpus, type DetectedGpu} from './wizard/detect-gpus.js';
import {recipeExecutor} from '../executors/recipe-executor.js';
import {defaultLocalRecipe, loadRecipe} from '../recipes/load-recipe.js';
import {Wizard} from './wizard/wizard.js';

const cookbookDir = fileURLToPath(new URL('../../configs/cookbook-llm/', import.meta.url));

/** The plan the answers made does not validate: the TUI returns to the wizard with the answers kept. */
export class GuidedPlanInvalid extends UserError {
	constructor(readonly planFile: string, readonly issues: readonly ConfigIssue[]) {
		super(`the plan written from the guided inputs does not validate:\n${issues.map(formatIssue).join('\n')}\nEdit ${planFile} or run the guided inputs again.`);
	}

	/** The field to go back to: the one the first issue's YAML path belongs to (null: none does). */
	get field(): FieldKey | null {
		return fieldForPath(this.issues[0]?.path ?? '');
	}
}

const pathFields: ReadonlyArray<[RegExp, FieldKey]> = [
	[/^model\.tokenizer/, 'tokenizer'],
	[/^model\.precision/, 'precision'],
	[/^model\.quantization/, 'quantization'],
	[/^model/, 'model'],
	[/^hardware/, 'gpuIds'],
	[/^dataset\.(path|canonical_jsonl)/, 'datasetPath'],
	[/^dataset\.kind/, 'workload'],
	[/^dataset/, 'scenarios'],
	[/^(sla|benchmark\.sla)/, 'sla'],
	[/^benchmark\.endpoint/, 'endpoint'],
	[/^frameworks/, 'frameworks'],
	[/^search/, 'tier'],
];

export function fieldForPath(yamlPath: string): FieldKey | null {
	return pathFields.find(([pattern]) => pattern.test(yamlPath))?.[1] ?? null;
}

export type GuidedPlan = {planFile: string; recipe: string; outputDir: string};
export type GuideOptions = {planFile?: string; recipe?: string; outputDir?: string; yes?: boolean};

/** Everything the wizard needs, prefilled from the plan (or cookbook, or scratch) and the recipe. */
export type GuideSetup = {
	readonly fields: readonly Field[];
	readonly initial: WizardValues;
	readonly gpus: readonly DetectedGpu[];
	readonly manifest: (values: WizardValues) => string;
	readonly defaultsFor: (source: string) => WizardValues;
};

export async function prepareGuide(options: GuideOptions = {}): Promise<GuideSetup> {
	const cookbooks = readdirSync(cookbookDir).filter(file => file.endsWith('.yaml')).sort().map(file => path.join(cookbookDir, file));
	const choices = [...(options.planFile ? [options.planFile] : []), 'scratch', ...cookbooks];
	// Through the recipe's executor: the GPUs on the ssh host or in the image, not this machine's.
	const gpus = await detectGpus(recipeExecutor(options.recipe ? loadRecipe(options.recipe) : defaultLocalRecipe, process.env));
	const context = {gpuIds: gpus.filter(gpu => !gpu.busy).map(gpu => gpu.index), recipe: options.recipe ?? (gpus.length === 0 ? 'simulated' : 'local')};
	const defaultsFor = (source: string): WizardValues => {
		const doc = sourceDocument(source);
		// No --output-dir: the plan's own search.output_dir, as a run without the guide would use.
		const planOutput = typeof doc.search?.output_dir === 'string' ? doc.search.output_dir : undefined;
		return defaultsFrom(source, doc, {...context, outputDir: options.outputDir ?? planOutput ?? './runs'});
	};
	const manifest = (values: WizardValues) => {
		const doc = sourceDocument(values.source);
		const declared = doc.version_manifest ? stringify(doc.version_manifest).trim() : null;
		return [
			declared ?? `frameworks  ${values.frameworks}`,
			`recipe      ${values.recipe}${values.recipe === 'simulated' ? ' (simulated GPU box: every figure is simulated)' : ''}`,
			'Framework, driver and CUDA versions are queried in preflight and recorded in manifest.json.',
		].join('\n');
	};

	return {fields: buildFields(choices), initial: defaultsFor(choices[0]!), gpus, manifest, defaultsFor};
}

/**
 * The plan the answers stand for. Every default accepted on a plan file: that file itself (its
 * relative paths keep working). Otherwise the answers are written over the start document into the
 * output directory and validated.
 */
export async function writeGuidedPlan(setup: GuideSetup, values: WizardValues): Promise<GuidedPlan> {
	const outputDir = path.resolve(values.outputDir);
	const defaults = setup.defaultsFor(values.source);
	const untouched = values.source !== 'scratch' && (Object.keys(defaults) as Array<keyof WizardValues>).every(key => key === 'recipe' || key === 'outputDir' || defaults[key] === values[key]);
	if (untouched) return {planFile: values.source, recipe: values.recipe, outputDir};
	mkdirSync(outputDir, {recursive: true});
	const planFile = path.join(outputDir, `plan-${new Date().toISOString().replace(/[:.]/g, '-')}.yaml`);
	writeFileSync(planFile, buildPlanYaml(sourceDocument(values.source), values));
	const {issues} = await loadPlan(planFile);
	const errors = issues.filter(issue => issue.severity === 'error');
	if (errors.length > 0) throw new GuidedPlanInvalid(planFile, errors);
	return {planFile, recipe: values.recipe, outputDir};
}

/**
 * The guided inputs on their own: pick where to start, confirm or edit each field, see the version
 * manifest, get the plan. `yes` (or no terminal to answer from) accepts every default. Resolves null
 * when the operator pressed ctrl-c. The run commands show the same wizard inside the TUI's one app
 * (start-tui.tsx), so two Ink renders never share stdin.
 */
export async function guideInputs(options: GuideOptions = {}): Promise<GuidedPlan | null> {
	const setup = await prepareGuide(options);
	let values: WizardValues | null = setup.initial;
	if (!options.yes && process.stdin.isTTY) {
		const answers: {values: WizardValues | null} = {values: null};
		const instance = render(<Wizard {...setup} onDone={result => (answers.values = result)} exitOnDone />, {exitOnCtrlC: false});
		await instance.waitUntilExit();
		values = answers.values;
	}

	return values ? writeGuidedPlan(setup, values) : null;
}
