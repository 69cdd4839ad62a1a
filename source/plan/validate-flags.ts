import type {Flags} from '../config/plan.js';
import {nearest} from '../config/did-you-mean.js';
import {frameworkAdapter, frameworkLabel, type FrameworkName} from '../frameworks/registry.js';
import {lookupFlag, type ParsedHelp} from './help/parsed-help.js';

export type FlagProblem = {
	/** The config key (`max_num_seqs`). */
	readonly key: string;
	/** The rendered option (`--max-num-seqs`). */
	readonly flag: string;
	readonly message: string;
};

function describeSource(help: ParsedHelp): string {
	return help.source === 'help' ? 'its captured --help' : 'the bundled flag catalog';
}

/**
 * Checks every flag a candidate would pass (values `false`/`null` are omitted, so not checked):
 * the option must exist; with captured help also that switches get `true`, value options get a
 * value, and listed choices are respected. Each problem names the nearest accepted option.
 */
export function validateCandidateFlags(flags: Flags, framework: FrameworkName, help: ParsedHelp): FlagProblem[] {
	const adapter = frameworkAdapter(framework).cli;
	const server = adapter.defaultServerCommand.length > 0 ? adapter.defaultServerCommand.join(' ') : `the ${frameworkLabel(framework)} server`;
	const problems: FlagProblem[] = [];
	for (const [key, value] of Object.entries(flags)) {
		if (value === false || value === null) {
			continue;
		}

		const flag = adapter.flagName(key);
		const entry = lookupFlag(help, flag);
		if (entry === undefined) {
			const longNames = [...help.flags.keys()].filter(name => name.startsWith('--'));
			const guess = nearest(flag, longNames, {always: true});
			const hint = guess === null ? '' : `; nearest accepted: ${guess}`;
			problems.push({key, flag, message: `${flag} is not accepted by ${server} (per ${describeSource(help)})${hint}`});
			continue;
		}

		if (help.source !== 'help') {
			continue;
		}

		if (value === true && entry.takesValue) {
			problems.push({key, flag, message: `${flag} takes a value; 'true' would pass it bare`});
		} else if (value !== true && !entry.takesValue) {
			problems.push({key, flag, message: `${flag} is a switch: set ${key} to true or false, not ${JSON.stringify(value)}`});
		} else if (value !== true && entry.choices !== null && !entry.choices.includes(String(value))) {
			const guess = nearest(String(value), entry.choices);
			problems.push({
				key,
				flag,
				message: `invalid choice ${JSON.stringify(value)} for ${flag}${guess ? ` (did you mean '${guess}'?)` : ''}; choose from ${entry.choices.join(', ')}`,
			});
		}
	}

	return problems;
}
