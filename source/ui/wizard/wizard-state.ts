import type {Field, FieldKey, WizardValues} from './wizard-fields.js';

/**
 * The wizard as one reducer: a step index over the fields (steps whose `when` fails are passed
 * over), the draft being typed (a filter for choice fields), the highlighted choice, and the live
 * validation reason. Pure; keys map to actions in wizard-view.tsx (every key of a chunk).
 */

export type WizardState = {
	readonly step: number;
	readonly values: WizardValues;
	readonly draft: string;
	/** Whether the draft was typed (else the default is shown and Enter accepts it). */
	readonly edited: boolean;
	readonly highlight: number;
	readonly error: string | null;
	/** Past the last field: the version manifest is shown for confirmation. */
	readonly confirming: boolean;
	readonly done: boolean;
};

export type WizardAction =
	| {type: 'type'; text: string}
	| {type: 'backspace'}
	/** Ctrl-U: the whole draft. */
	| {type: 'clear'}
	/** Ctrl-W: the last word of the draft (and the separators after it). */
	| {type: 'delete-word'}
	| {type: 'move'; delta: number}
	/** `blocker`: why the current value cannot be accepted yet (e.g. its dataset file did not parse). */
	| {type: 'submit'; blocker?: string | null}
	| {type: 'back'}
	| {type: 'confirm'}
	/** A new start document was chosen: its defaults replace the later fields'. */
	| {type: 'defaults'; values: WizardValues}
	/** Back from a plan that did not validate: to this field, with the reason. */
	| {type: 'reopen'; key: FieldKey | null; error: string};

export function initialWizardState(values: WizardValues): WizardState {
	return {step: 0, values, draft: '', edited: false, highlight: 0, error: null, confirming: false, done: false};
}

export function isShown(field: Field, values: WizardValues): boolean {
	return !field.when || field.when(values);
}

/** The steps the operator sees (for "step n of m"). */
export function shownSteps(fields: readonly Field[], values: WizardValues): number[] {
	return fields.flatMap((field, index) => (isShown(field, values) ? [index] : []));
}

function nextStep(fields: readonly Field[], values: WizardValues, from: number, direction: 1 | -1): number | null {
	for (let i = from + direction; i >= 0 && i < fields.length; i += direction) if (isShown(fields[i]!, values)) return i;
	return null;
}

export function visibleChoices(field: Field, state: WizardState): readonly string[] {
	if (!field.choices) return [];
	const filter = state.edited ? state.draft.toLowerCase() : '';
	return field.choices.filter(choice => choice.toLowerCase().includes(filter));
}

/** What Enter would accept now. */
export function currentValue(field: Field, state: WizardState): string {
	if (field.choices) {
		const choices = visibleChoices(field, state);
		if (!state.edited) return state.values[field.key];
		return choices[Math.min(state.highlight, choices.length - 1)] ?? '';
	}

	return state.edited ? state.draft : state.values[field.key];
}

function withDraft(state: WizardState, draft: string): WizardState {
	// Erasing everything brings the default back (Enter accepts it again).
	return {...state, draft, edited: draft.length > 0, highlight: 0};
}

/** The answers after `key` took `value`: the tokenizer follows a changed model unless it was set apart from it. */
function accept(values: WizardValues, key: FieldKey, value: string): WizardValues {
	const next = {...values, [key]: value} as Record<FieldKey, string>;
	if (key === 'model' && value !== values.model && (values.tokenizer === '' || values.tokenizer === values.model)) next.tokenizer = value;
	return next;
}

export function wizardReduce(fields: readonly Field[], state: WizardState, action: WizardAction): WizardState {
	const field = fields[state.step]!;
	const check = (next: WizardState): WizardState => ({...next, error: next.confirming ? null : field.validate(currentValue(field, next))});
	const typed = state.edited ? state.draft : '';
	switch (action.type) {
		case 'type':
			return state.confirming ? state : check(withDraft(state, typed + action.text));
		case 'backspace':
			return state.confirming ? state : check(withDraft(state, typed.slice(0, -1)));
		case 'clear':
			return state.confirming ? state : check(withDraft(state, ''));
		case 'delete-word':
			return state.confirming ? state : check(withDraft(state, typed.replace(/[^\s,:=/]*[\s,:=/]*$/, '')));
		case 'move': {
			const count = visibleChoices(field, state).length;
			const from = state.edited ? state.highlight : Math.max(0, visibleChoices(field, state).indexOf(state.values[field.key]));
			return count === 0 ? state : check({...state, edited: true, highlight: (from + action.delta + count) % count});
		}

		case 'submit': {
			if (state.confirming) return {...state, done: true};
			const value = currentValue(field, state).trim();
			const error = field.validate(value) ?? action.blocker ?? null;
			if (error) return {...state, error};
			const values = accept(state.values, field.key, value);
			const next = nextStep(fields, values, state.step, 1);
			return {...state, values, step: next ?? state.step, draft: '', edited: false, highlight: 0, error: null, confirming: next === null};
		}

		case 'back': {
			if (state.confirming) return {...state, confirming: false};
			const previous = nextStep(fields, state.values, state.step, -1);
			return {...state, step: previous ?? state.step, draft: '', edited: false, highlight: 0, error: null};
		}

		case 'defaults':
			return {...state, values: action.values};
		case 'confirm':
			return state.confirming ? {...state, done: true} : state;
		case 'reopen': {
			const at = action.key === null ? -1 : fields.findIndex(f => f.key === action.key);
			if (at === -1) return {...state, confirming: true, done: false, error: action.error};
			return {...state, step: at, confirming: false, done: false, draft: '', edited: false, highlight: 0, error: action.error};
		}
	}
}
