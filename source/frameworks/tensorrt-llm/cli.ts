import type {CliAdapter} from '../adapter.js';

/** TensorRT-LLM: click, flags keep their underscores (`--tp_size`); click rejects dashed spellings. */
export const tensorrtLlmCli: CliAdapter = {
	defaultServerCommand: ['trtllm-serve', 'serve'],
	modelArgument: 'positional',
	flagName: key => `--${key}`,
	hostFlag: '--host',
	portFlag: '--port',
	helpCommand: serverCommand => [...serverCommand, '--help'],
	helpFilePattern: /(trtllm|tensorrt[_-]?llm).*serve/i,
	helpFileGlob: 'trtllm*serve*',
	benchmarkHelpCommand: ['python3', '-m', 'tensorrt_llm.serve.scripts.benchmark_serving', '--help'],
};
