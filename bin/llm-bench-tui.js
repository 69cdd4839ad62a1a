#!/usr/bin/env node
// The package runs its TypeScript sources directly through tsx, so a fresh `npm ci` needs no build
// step and nothing on the machine can go stale between the sources and what runs.
import {register} from 'tsx/esm/api';

register();
await import('../source/cli.tsx');
