#!/usr/bin/env node
// The package runs its TypeScript sources directly through tsx, so a fresh `npm ci` needs no build
// step and nothing on the machine can go stale between the sources and what runs.
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {register} from 'tsx/esm/api';

// React's development build costs the live screens about half again in CPU; an operator's run
// never needs its warnings. An explicit NODE_ENV still wins.
process.env.NODE_ENV ??= 'production';
// The package's own tsconfig, not whatever the operator's working directory holds: without it,
// running from another directory compiles JSX the classic way and the TUI dies on `React`.
register({tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url))});
await import('../source/cli.tsx');
