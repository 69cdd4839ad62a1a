import type {Flags} from '../config/plan.js';
import type {FrameworkName} from '../frameworks/registry.js';
import type {ParsedHelp} from '../plan/help/parse-help.js';
import {validateCandidateFlags} from '../plan/validate-flags.js';

/**
 * Flags the engine adds at launch for its own needs (RuntimeAdapter.extraLaunchFlags, e.g. a
 * metrics switch for the live pane). Added only when the CLI's captured help accepts them —
 * a catalog guess is not enough to pass a flag the plan never asked for — and never over a
 * candidate that sets the key itself (`enable_metrics: false` stays off).
 */
export function acceptedExtras(framework: FrameworkName, extras: Flags | undefined, help: ParsedHelp): Flags {
	if (!extras || help.source !== 'help') return {};
	return Object.fromEntries(Object.entries(extras).filter(([key, value]) => validateCandidateFlags({[key]: value}, framework, help).length === 0));
}

/** The extras this candidate gets: those whose key its flags do not set. */
export function extrasFor(candidateFlags: Flags, extras: Flags): Flags {
	return Object.fromEntries(Object.entries(extras).filter(([key]) => !(key in candidateFlags)));
}
