import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as v from 'valibot';
import {parse as parseYaml} from 'yaml';
import {UserError} from '../errors.js';
import {readInputFileSync} from '../config/read-input-file.js';
import {createRedactor} from '../secrets/redact.js';
import {secretValuesIn} from '../secrets/secret-values.js';
import {recipeTypos} from './recipe-typos.js';
import {RecipeSchema, recipeKinds, type LoadedRecipe} from './recipe-schema.js';

/** The shipped recipes live in `<package>/recipes/<name>.yaml`. */
export const builtinRecipeDir = fileURLToPath(new URL('../../recipes/', import.meta.url));

export function builtinRecipeNames(): string[] {
	if (!fs.existsSync(builtinRecipeDir)) return [];
	return fs
		.readdirSync(builtinRecipeDir)
		.filter(f => f.endsWith('.yaml'))
		.map(f => f.slice(0, -5))
		.sort();
}

/** `--recipe NAME|PATH`: a path when it names a file, else a shipped recipe's name. */
export function resolveRecipeFile(nameOrPath: string): string {
	if (nameOrPath.includes('/') || nameOrPath.endsWith('.yaml') || nameOrPath.endsWith('.yml')) {
		if (!fs.existsSync(nameOrPath))
			throw new UserError(`--recipe: no file at ${nameOrPath}. Give a recipe file or one of: ${builtinRecipeNames().join(', ')}.`);
		return path.resolve(nameOrPath);
	}

	const file = path.join(builtinRecipeDir, `${nameOrPath}.yaml`);
	if (!fs.existsSync(file))
		throw new UserError(`--recipe: unknown recipe '${nameOrPath}'. Valid names: ${builtinRecipeNames().join(', ')} (or a path to a recipe YAML).`);
	return file;
}

export function loadRecipe(nameOrPath: string): LoadedRecipe {
	const file = resolveRecipeFile(nameOrPath);
	const read = readInputFileSync(file);
	if (!read.ok) throw new UserError(`--recipe ${nameOrPath}: cannot read ${file}: ${read.reason}`);
	let raw: unknown;
	try {
		raw = parseYaml(read.text, {maxAliasCount: 100});
	} catch (error) {
		// The first line says what and where; the code frame after it would echo the lines around the
		// broken one, which can hold a secret written in place of its name.
		const what = (error as Error).message.split('\n')[0]!.replace(/:$/, '');
		throw new UserError(createRedactor()(`${file}: not valid YAML: ${what}`));
	}

	const loaded = parseRecipe(raw, file);
	// A missing PATH folder would surface much later as "nvidia-smi not found: install the driver".
	loaded.pathPrepend.forEach((dir, index) => {
		if (!fs.statSync(dir, {throwIfNoEntry: false})?.isDirectory()) {
			throw new UserError(
				`${file}: path_prepend[${index}]: ${loaded.recipe.path_prepend?.[index]} → ${dir} does not exist (or is not a folder). Fix the path (relative paths are relative to the recipe file).`,
			);
		}
	});
	return loaded;
}

export function parseRecipe(raw: unknown, file: string | null): LoadedRecipe {
	const result = v.safeParse(RecipeSchema, raw);
	if (!result.success) {
		const problems = result.issues.map(issue => {
			const where = v.getDotPath(issue) ?? '(top level)';
			const hint = where === 'kind' || where === '(top level)' ? ` (kind is one of: ${recipeKinds.join(', ')})` : '';
			return `${where}: ${issue.message}${hint}`;
		});
		throw invalidRecipe(raw, file, problems);
	}

	const typos = recipeTypos(result.output);
	if (typos.length > 0) throw invalidRecipe(raw, file, typos);

	const recipe = result.output;
	const base = file ? path.dirname(file) : process.cwd();
	return {
		file,
		name: recipe.name ?? (file ? path.basename(file).replace(/\.ya?ml$/, '') : recipe.kind),
		recipe,
		pathPrepend: (recipe.path_prepend ?? []).map(dir => path.resolve(base, dir)),
	};
}

/** The recipe when none was asked for: plain local processes. */
export const defaultLocalRecipe: LoadedRecipe = {file: null, name: 'local', recipe: {kind: 'local'}, pathPrepend: []};

/**
 * The recipe's problems, one line each. valibot echoes a wrong value (`received 987654…` under
 * `env.MY_TOKEN`) and a typo echoes its key: the text is redacted with the recipe's own
 * secret-named values (secret-values.ts) as well as the environment's and token shapes.
 */
function invalidRecipe(raw: unknown, file: string | null, problems: readonly string[]): UserError {
	const redact = createRedactor(process.env, secretValuesIn(raw));
	return new UserError(`invalid recipe:\n  ${problems.map(problem => redact(`${file ?? 'recipe'}: ${problem}`)).join('\n  ')}`);
}
