import process from 'node:process';
import {createRedactor, type Redactor} from './redact.js';
import {secretValuesIn} from './secret-values.js';

/** The redactor for what `validate` and `plan` print: the environment's secrets and the plan's own. */
export function planRedactor(plan: unknown, env: Readonly<Record<string, string | undefined>> = process.env): Redactor {
	return createRedactor(env, plan ? secretValuesIn(plan) : []);
}
