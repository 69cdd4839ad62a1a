import {UsageError} from '../errors.js';
import {parseHostPort} from '../remote/host-port.js';
import {bareValue, parseCommandArgs} from './parse-command-args.js';

export type RunArgs = {
	positional: string[];
	recipe?: string;
	outputDir?: string;
	resume?: string | true;
	headless: boolean;
	yes: boolean;
	serveWs?: string;
	/** `--search exhaustive|adaptive`: overrides the plan's search.strategy. */
	search?: 'exhaustive' | 'adaptive';
};

const runOptions = {
	recipe: {type: 'string'},
	'output-dir': {type: 'string'},
	resume: {type: 'string'},
	headless: {type: 'boolean'},
	yes: {type: 'boolean', short: 'y'},
	'serve-ws': {type: 'string'},
	search: {type: 'string'},
} as const;

/**
 * `run`/`demo` options through the one parser; `--resume` takes an optional RUN_DIR (the next word
 * unless it is an option). Every value is checked here, before the run starts: a bad --serve-ws
 * must not let the benchmark run and then fail.
 */
export function parseRunArgs(command: string, usage: string, argv: readonly string[], allowed: ReadonlyArray<keyof typeof runOptions>): RunArgs {
	const {values, positionals} = parseCommandArgs(command, usage, argv, runOptions, {optionalValue: ['resume']});
	const refused = Object.keys(values).filter(name => !(allowed as readonly string[]).includes(name));
	if (refused.length > 0) throw new UsageError(`${command}: unknown option --${refused[0]}\n\n${usage}`);
	const serveWs = values['serve-ws'];
	if (serveWs !== undefined) parseHostPort(serveWs);
	const resume = values.resume;
	const search = values.search;
	if (search !== undefined && search !== 'exhaustive' && search !== 'adaptive')
		throw new UsageError(`${command}: --search '${search}': must be exhaustive or adaptive (docs/config.md, search.strategy)\n\n${usage}`);
	return {
		positional: positionals,
		...(values.recipe === undefined ? {} : {recipe: values.recipe}),
		...(values['output-dir'] === undefined ? {} : {outputDir: values['output-dir']}),
		...(resume === undefined ? {} : {resume: resume === bareValue ? true : resume}),
		headless: values.headless === true,
		yes: values.yes === true,
		...(serveWs === undefined ? {} : {serveWs}),
		...(search === undefined ? {} : {search}),
	};
}
