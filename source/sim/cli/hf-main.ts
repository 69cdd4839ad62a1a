import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {modelSpecFor} from '../models.js';
import {loadWorld, stateDir, type World} from '../world.js';

/**
 * The simulated box's `hf` (huggingface_hub's CLI), `download` only, over a simulated HF cache:
 * models in world `absent_models` are not cached until downloaded, which takes the checkpoint's size
 * (bf16 weights) / world `download_gbps` simulated seconds, with tqdm's "Fetching N files" line on
 * stderr as it goes; `HF_HUB_OFFLINE=1` answers from the cache only (the presence check) and fails
 * the way the real CLI does for a model it does not have. A model in `gated_models` needs HF_TOKEN.
 */

/** Checkpoint GB (bf16) and the simulated seconds its download takes. */
export function downloadSeconds(model: string, world: Pick<World, 'download_gbps'>): {gb: number; seconds: number; files: number} {
	const gb = (modelSpecFor(model).totalParamsB * 1e9 * 2) / 1e9;
	// ~5 GB safetensors shards, plus config, tokenizer and index files.
	return {gb, seconds: gb / world.download_gbps, files: Math.max(1, Math.ceil(gb / 5)) + 4};
}

const cacheMarker = (model: string) => path.join(stateDir(), 'hf-cache', encodeURIComponent(model));
const snapshotPath = (model: string) =>
	path.join(process.env.HF_HOME ?? path.join('/root', '.cache', 'huggingface'), 'hub', `models--${model.replaceAll('/', '--')}`, 'snapshots', 'a'.repeat(40));
const clock = (seconds: number) => `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

export async function hfMain(argv: readonly string[]): Promise<number> {
	const [command, ...rest] = argv;
	if (command === 'version' || command === '--version') {
		process.stdout.write('huggingface_hub version: 0.35.3 (simulated GPU box)\n');
		return 0;
	}

	if (command !== 'download') {
		process.stderr.write(`hf ${command ?? ''}: not simulated (only download)\n`);
		return 2;
	}

	const model = rest.find(arg => !arg.startsWith('-'));
	if (!model) {
		process.stderr.write("usage: hf download [OPTIONS] REPO_ID [FILENAMES]...\nError: Missing argument 'REPO_ID'.\n");
		return 2;
	}

	const world = loadWorld();
	const cached = !world.absent_models.includes(model) || existsSync(cacheMarker(model));
	if (process.env.HF_HUB_OFFLINE === '1' && !cached) {
		process.stderr.write(
			"huggingface_hub.errors.LocalEntryNotFoundError: Cannot find an appropriate cached snapshot folder for the specified revision on the local disk and outgoing traffic has been disabled. To enable repo look-ups and downloads online, set 'HF_HUB_OFFLINE=0' as environment variable.\n",
		);
		return 1;
	}

	if (!cached) {
		if (world.gated_models.includes(model) && !process.env.HF_TOKEN) {
			process.stderr.write(
				`huggingface_hub.errors.GatedRepoError: 401 Client Error. Cannot access gated repo for url https://huggingface.co/api/models/${model}/revision/main.\nAccess to model ${model} is restricted. You must have access to it and be authenticated to access it. Please log in.\n`,
			);
			return 1;
		}

		const {seconds, files} = downloadSeconds(model, world);
		const quiet = rest.includes('--quiet');
		const stepMs = (seconds * world.time_scale * 1000) / files;
		for (let done = 0; done <= files; done++) {
			if (done > 0) await new Promise(resolve => setTimeout(resolve, stepMs));
			const pct = Math.round((done / files) * 100);
			const elapsed = (done / files) * seconds;
			if (!quiet)
				process.stderr.write(
					`\rFetching ${files} files: ${String(pct).padStart(3)}%|${'█'.repeat(Math.round(pct / 10)).padEnd(10)}| ${done}/${files} [${clock(elapsed)}<${clock(seconds - elapsed)}, ${(seconds / files).toFixed(2)}s/it]`,
				);
		}

		if (!quiet) process.stderr.write('\n');
		mkdirSync(path.dirname(cacheMarker(model)), {recursive: true});
		writeFileSync(cacheMarker(model), '');
	}

	process.stdout.write(`${snapshotPath(model)}\n`);
	return 0;
}
