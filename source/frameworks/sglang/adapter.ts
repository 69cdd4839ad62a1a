import type {FrameworkAdapter} from '../adapter.js';
import {sglangMemoryKnobs} from './memory-knobs.js';
import {sglangCli} from './cli.js';
import {sglangContainer} from './container.js';
import {sglangHelp} from './help.js';
import {sglangNativeBench} from './native-bench.js';
import {sglangRequestBody} from './request-body.js';
import {sglangRuntime} from './runtime.js';
import {sglangMetrics} from './metrics.js';

export const sglangAdapter: FrameworkAdapter = {
	memoryKnobs: sglangMemoryKnobs,
	name: 'sglang',
	label: 'SGLang',
	aliases: [],
	chartLetter: 's',
	colour: '#d9480f',
	cli: sglangCli,
	help: sglangHelp,
	metrics: sglangMetrics,
	runtime: sglangRuntime,
	nativeBench: sglangNativeBench,
	requestBody: sglangRequestBody,
	scratchFlags: {tp_size: 1},
	container: sglangContainer,
	// An unset --context-length falls back to the model's own limit (as the reference validator accepts).
	config: {sequenceLimitKeys: ['context_length'], unsetSequenceLimit: 'model-default'},
};
