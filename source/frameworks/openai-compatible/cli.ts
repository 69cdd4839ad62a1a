import type {CliAdapter} from '../adapter.js';
import {commandWords, type OpenAiCompatibleSettings} from './settings.js';

/**
 * Any OpenAI-compatible server: dashed flags (`max_batch_total_tokens` → `--max-batch-total-tokens`,
 * the style of TGI and llama-server), no standard command, and the model, host and port options
 * and the help command as its settings say.
 */
export function openAiCompatibleCli(settings: OpenAiCompatibleSettings): CliAdapter {
	const help = commandWords(settings.help_command);
	return {
		defaultServerCommand: [],
		modelArgument: settings.model_flag ? 'flag' : 'none',
		...(settings.model_flag ? {modelFlag: settings.model_flag} : {}),
		flagName: key => `--${key.replaceAll('_', '-')}`,
		hostFlag: settings.host_flag ?? '--host',
		portFlag: settings.port_flag ?? '--port',
		helpCommand: () => help,
		helpFilePattern: /openai[_-]?compatible/i,
		helpFileGlob: '*openai_compatible*',
	};
}
