#!/usr/bin/env node
// Runs the compiled CLI in dist/ (`npm run build`; `npm ci` and `npm install` build it through
// `prepare`), so no command pays for compiling TypeScript at start-up. Without dist/ (a checkout
// whose install skipped scripts), or with LLM_BENCH_TUI_FROM_SOURCE=1 (the tests, a developer
// editing source/ without rebuilding), it runs the TypeScript sources through tsx instead.
import {existsSync} from 'node:fs';
import process from 'node:process';
import {fileURLToPath} from 'node:url';

// React's development build costs the live screens about half again in CPU; an operator's run
// never needs its warnings. An explicit NODE_ENV still wins.
process.env.NODE_ENV ??= 'production';
// CI=false (or 0) says "not CI": Ink reads it so, but chalk's colour detection only asks whether CI
// is set and would draw every screen without colour. Read before anything imports chalk.
if (process.env.CI === 'false' || process.env.CI === '0') delete process.env.CI;
const compiled = new URL('../dist/cli.js', import.meta.url);
const fromSource = process.env.LLM_BENCH_TUI_FROM_SOURCE === '1';
if (!fromSource && existsSync(fileURLToPath(compiled))) {
	await import(compiled.href);
} else {
	if (!fromSource) {
		process.stderr.write('llm-bench-tui: dist/ is missing (run `npm run build`); running the TypeScript sources through tsx, which starts slower.\n');
	}

	const {register} = await import('tsx/esm/api');
	// The package's own tsconfig, not whatever the operator's working directory holds: without it,
	// running from another directory compiles JSX the classic way and the TUI dies on `React`.
	register({tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url))});
	await import('../source/cli.tsx');
}
