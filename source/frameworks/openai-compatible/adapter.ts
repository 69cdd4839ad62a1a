import type {FrameworkAdapter} from '../adapter.js';
import {openAiCompatibleCli} from './cli.js';
import {openAiCompatibleHelp} from './help.js';
import {openAiCompatibleRuntime} from './runtime.js';
import {checkSettings, OpenAiCompatibleSettingsSchema, type OpenAiCompatibleSettings} from './settings.js';

/**
 * A generic server with an OpenAI-compatible API, run from its own `server_command`. It has no
 * benchmark client of its own (the built-in load client measures it like the others) and no
 * bundled flag catalog: without `help_command` its flags are not checked, and validate/plan say so.
 */
export const openAiCompatibleAdapter: FrameworkAdapter = {
	name: 'openai_compatible',
	label: 'OpenAI-compatible',
	aliases: [],
	chartLetter: 'o',
	colour: '#862e9c',
	cli: openAiCompatibleCli({}),
	help: openAiCompatibleHelp,
	runtime: openAiCompatibleRuntime({}),
	nativeBench: null,
	config: {
		sequenceLimitKeys: [],
		unsetSequenceLimit: 'model-default',
		settingsSchema: OpenAiCompatibleSettingsSchema,
		checkSettings,
	},
	configure: settings => ({
		cli: openAiCompatibleCli(settings as OpenAiCompatibleSettings),
		runtime: openAiCompatibleRuntime(settings as OpenAiCompatibleSettings),
	}),
};
