import {readFile} from 'node:fs/promises';
import path from 'node:path';

/**
 * The model's own maximum sequence length from `<model dir>/config.json`, when model.name is a
 * local directory. Null when there is no such file or it does not say (never guessed).
 */
export async function readMaxPositionEmbeddings(modelName: string, baseDir: string): Promise<number | null> {
	const file = path.resolve(baseDir, modelName, 'config.json');
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch {
		return null;
	}

	try {
		const config = JSON.parse(text) as Record<string, unknown>;
		const nested = config.text_config as Record<string, unknown> | undefined;
		const value = config.max_position_embeddings ?? nested?.max_position_embeddings;
		return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
	} catch {
		return null;
	}
}
