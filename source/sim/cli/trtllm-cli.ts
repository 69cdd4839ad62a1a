import {resolveTrtllm} from '../launch/trtllm-resolve.js';
import {serveMain, stdio, type ServeSpec} from '../launch/serve-main.js';
import {loadWorld, type World} from '../world.js';
import {flagSpecs, type FlagSpec} from './flag-spec.js';
import {clickRows} from './help-format.js';
import {parseClick} from './parse-args.js';
import {versionAtLeast} from './version-compare.js';

const serveUsage = 'Usage: trtllm-serve serve [OPTIONS] MODEL';

/**
 * The accepted options depend on the world's TensorRT-LLM version: 1.0.0 knows only
 * `--kv_cache_free_gpu_memory_fraction` and the trt backend; 1.1–1.2 add the `--free_gpu_memory_fraction`
 * spelling (alias kept) and rename trt → tensorrt; newest keeps only pytorch/_autodeploy.
 */
export function trtllmSpecs(world: World): FlagSpec[] {
	const version = world.versions.tensorrt_llm;
	return flagSpecs('tensorrt_llm').map(spec => {
		let copy: FlagSpec = {...spec, names: [...spec.names]};
		if (copy.names[0] === '--free_gpu_memory_fraction' && !versionAtLeast(version, '1.1')) {
			copy = {...copy, names: copy.names.filter(name => name !== '--free_gpu_memory_fraction')};
		}

		if (copy.names[0] === '--backend') {
			copy.choices = !versionAtLeast(version, '1.1')
				? ['pytorch', 'trt', '_autodeploy']
				: versionAtLeast(version, '1.3')
					? ['_autodeploy', 'pytorch']
					: ['pytorch', 'tensorrt', 'trt', '_autodeploy'];
		}

		if (
			/^--(trust_remote_code|enable_chunked_prefill|enable_attention_dp|grpc|enable_visual_gen|fail_fast_on_attention_window_too_large)$/.test(copy.names[0]!)
		) {
			copy.kind = 'flag';
		}

		if (copy.names[0] === '--generation-config') copy.choices = ['auto', 'trtllm'];
		if (copy.names[0] === '--kv_cache_dtype') copy.choices = ['auto', 'fp8', 'nvfp4'];
		if (copy.names[0] === '--log_level') copy.choices = ['debug', 'error', 'info', 'internal_error', 'trace', 'verbose', 'warning'];
		return copy;
	});
}

function metavar(spec: FlagSpec): string {
	if (spec.kind !== 'value') {
		return '';
	}

	if (spec.choices) {
		return ` [${spec.choices.join('|')}]`;
	}

	const name = spec.names[0]!;
	if (/(_fraction|_rate|_ratio|percentage)$/.test(name)) return ' FLOAT';
	if (/(_size|^--max_|^--port|^--num_|gpus_per_node|beam)/.test(name)) return ' INTEGER';
	return ' TEXT';
}

const helpText: Record<string, string> = {
	'--host': 'Hostname of the server.',
	'--port': 'Port of the server.',
	'--backend': 'The backend to use to serve the model. Default is pytorch backend.',
	'--tensor_parallel_size': 'Tensor parallelism size.',
	'--max_batch_size': 'Maximum number of requests that the engine can schedule.',
	'--max_num_tokens': 'Maximum number of batched input tokens after padding is removed in each batch.',
	'--max_seq_len': 'Maximum total length of one request, including prompt and outputs. If unspecified, the value is deduced from the model config.',
	'--free_gpu_memory_fraction': 'Free GPU memory fraction reserved for KV Cache, after allocating model weights and buffers.',
	'--kv_cache_free_gpu_memory_fraction': 'Free GPU memory fraction reserved for KV Cache, after allocating model weights and buffers.',
	'--enable_chunked_prefill': 'Enable chunked prefill',
	'--trust_remote_code': 'Flag for HF transformers.',
	'--extra_llm_api_options': 'Path to a YAML file that overwrites the parameters specified by trtllm-serve.',
};

export function trtllmServeHelp(world: World): string {
	const stability = versionAtLeast(world.versions.tensorrt_llm, '1.1') ? ':tag:`beta` ' : '';
	const rows: Array<[string, string]> = trtllmSpecs(world).map(spec => {
		const left = spec.kind === 'pair' ? `${spec.names[0]} / --no-${spec.names[0]!.slice(2)}` : `${spec.names.join(', ')}${metavar(spec)}`;
		return [left, `${stability}${helpText[spec.names[0]!] ?? spec.names[0]!.slice(2).replaceAll('_', ' ')}`];
	});
	rows.push(['--help', 'Show this message and exit.']);
	return `${serveUsage}\n\n  Running an OpenAI API compatible server\n\n  MODEL: model name | HF checkpoint path | TensorRT engine path\n\nOptions:\n${clickRows(rows)}\n`;
}

const groupHelp = `Usage: trtllm-serve [OPTIONS] COMMAND [ARGS]...

Options:
  --version  Show the version and exit.
  --help     Show this message and exit.

Commands:
  disaggregated             Running server in disaggregated mode
  disaggregated_mpi_worker  Launching disaggregated MPI worker
  mm_embedding_serve        Running an OpenAI API compatible server
  serve                     Running an OpenAI API compatible server`;

function clickError(message: string): string {
	return `${serveUsage}\nTry 'trtllm-serve serve --help' for help.\n\nError: ${message}`;
}

export const trtllmServe: ServeSpec = {
	parse(argv, world) {
		const outcome = parseClick(argv, trtllmSpecs(world), {command: 'trtllm-serve serve', argument: 'MODEL'});
		if (outcome.ok && outcome.help === null && outcome.positionals.length === 0) {
			return {ok: false, message: "Missing argument 'MODEL'."};
		}

		return outcome;
	},
	help: (_topic, world) => ({ok: true, text: trtllmServeHelp(world)}),
	usageError: clickError,
	flagValueError: error => clickError(`Invalid value for '${error.flag}': '${error.value}' is not a valid ${error.type === 'int' ? 'integer' : 'float'}.`),
	resolve: resolveTrtllm,
};

/** The `trtllm-serve` executable: a click group whose default command is `serve`. */
export async function trtllmMain(argv: readonly string[]): Promise<number> {
	const [command, ...rest] = argv;
	if (command === '--version') {
		stdio.out(`trtllm-serve, version ${loadWorld().versions.tensorrt_llm}`);
		return 0;
	}

	if (command === undefined || command === '--help') {
		stdio.out(groupHelp);
		return command === undefined ? 2 : 0;
	}

	if (command === 'serve') {
		return serveMain(rest, trtllmServe);
	}

	if (['disaggregated', 'disaggregated_mpi_worker', 'mm_embedding_serve'].includes(command)) {
		stdio.err(`trtllm-serve ${command}: not available on the simulated GPU box`);
		return 1;
	}

	if (command.startsWith('-')) {
		stdio.err(`Usage: trtllm-serve [OPTIONS] COMMAND [ARGS]...\nTry 'trtllm-serve --help' for help.\n\nError: No such option: ${command}`);
		return 2;
	}

	// Newer releases collapse `serve` (DefaultGroup): `trtllm-serve MODEL ...`.
	return serveMain(argv, trtllmServe);
}
