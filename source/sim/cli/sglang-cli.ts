import {resolveSglang} from '../launch/sglang-resolve.js';
import type {ServeSpec} from '../launch/serve-main.js';
import type {World} from '../world.js';
import {flagSpecs, type FlagSpec} from './flag-spec.js';
import {argparseEntry, argparseInvocation} from './help-format.js';
import {parseArgparse} from './parse-args.js';
import {versionAtLeast} from './version-compare.js';

/** Newer SGLang builds its parser with prog="sglang serve"; older ones show the script name. */
export function sglangProg(world: World): string {
	return versionAtLeast(world.versions.sglang, '0.5.10') ? 'sglang serve' : 'launch_server.py';
}

function usageToken(spec: FlagSpec): string {
	const invocation = argparseInvocation({...spec, names: [spec.names[0]!]}, false);
	return spec.names[0] === '--model-path' ? invocation : `[${invocation}]`;
}

/** argparse usage: every flag enumerated, wrapped under the prog like Python does. */
export function sglangUsage(world: World): string {
	const prog = sglangProg(world);
	const head = `usage: ${prog} `;
	const indent = ' '.repeat(head.length);
	const lines: string[] = [];
	let line = `${head}[-h]`;
	for (const spec of flagSpecs('sglang')) {
		const token = usageToken(spec);
		if (line.length + 1 + token.length > 200) {
			lines.push(line);
			line = `${indent}${token}`;
		} else {
			line += ` ${token}`;
		}
	}

	lines.push(line);
	return lines.join('\n');
}

export function sglangHelp(world: World): string {
	const rows = [argparseEntry('-h, --help', 'show this help message and exit')];
	for (const spec of flagSpecs('sglang')) {
		rows.push(argparseEntry(argparseInvocation(spec, false), spec.help));
	}

	return `${sglangUsage(world)}\n\noptions:\n${rows.join('\n')}\n`;
}

const deprecationWarning = "UserWarning: 'python -m sglang.launch_server' is still supported, but 'sglang serve' is the recommended entrypoint.";

export function sglangServe(viaModule: boolean): ServeSpec {
	let world: World | undefined;
	return {
		parse(argv, w) {
			world = w;
			if (viaModule && versionAtLeast(w.versions.sglang, '0.5.10')) {
				process.stderr.write(`${deprecationWarning}\n`);
			}

			const outcome = parseArgparse(argv, flagSpecs('sglang'), {prog: sglangProg(w), maxPositionals: 0, underscoreToDash: false, allowAbbrev: true});
			if (outcome.ok && outcome.help === null && !outcome.flags.has('--model-path')) {
				return {ok: false, message: 'the following arguments are required: --model-path/--model'};
			}

			return outcome;
		},
		help: (_topic, w) => ({ok: true, text: sglangHelp(w)}),
		usageError: message => `${sglangUsage(world!)}\n${sglangProg(world!)}: error: ${message}`,
		flagValueError: error => `${sglangUsage(world!)}\n${sglangProg(world!)}: error: argument ${error.flag}: invalid ${error.type} value: '${error.value}'`,
		resolve: resolveSglang,
	};
}
