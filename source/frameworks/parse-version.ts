import {versionFromOutput} from './version-output.js';

/**
 * The version and commit a version query printed: the last bare version line (see
 * version-output.ts: banners and warnings print their own x.y first), else a `version: X` line;
 * a dev build's `+g<hash>` local part, or a `commit`/`git` line, gives the commit.
 */
export function parseVersionOutput(text: string): {version: string | null; commit: string | null} {
	const lines = text
		.split(/\r?\n/)
		.map(line => line.trim())
		.filter(Boolean);
	const labelled = lines
		.map(line => /\bversion:?\s+v?(\d+\.\d+[\w.+-]*)/i.exec(line)?.[1])
		.filter(Boolean)
		.at(-1);
	const version = versionFromOutput(text) ?? labelled ?? null;
	const commit = (version ? /\+g([0-9a-f]{7,40})\b/.exec(version)?.[1] : undefined) ?? /(?:git|commit)[^\n]*?\b([0-9a-f]{7,40})\b/i.exec(text)?.[1] ?? null;
	return {version, commit};
}
