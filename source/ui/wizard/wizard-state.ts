import type {Field, FieldKey, WizardValues} from './wizard-fields.js';

/**
 * The wizard as one reducer: a step index over the fields, the draft being typed (a filter for
 * choice fields), the highlighted choice, and the live validation reason. Pure; keys map to actions
 * in use-wizard-input.ts.
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
	| {type: 'move'; delta: number}
	| {type: 'submit'}
	| {type: 'back'}
	| {type: 'confirm'}
	/** A new start document was chosen: its defaults replace the later fields'. */
	| {type: 'defaults'; values: WizardValues};

export function initialWizardState(values: WizardValues): WizardState {
	return {step: 0, values, draft: '', edited: false, highlight: 0, error: null, confirming: false, done: false};
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

export function wizardReduce(fields: readonly Field[], state: WizardState, action: WizardAction): WizardState {
	const field = fields[state.step]!;
	const check = (next: WizardState): WizardState => ({...next, error: next.confirming ? null : field.validate(currentValue(field, next))});
	switch (action.type) {
		case 'type':
			return state.confirming ? state : check({...state, draft: (state.edited ? state.draft : '') + action.text, edited: true, highlight: 0});
		case 'backspace': {
			if (state.confirming) return state;
			// Erasing everything brings the default back (Enter accepts it again).
			const draft = state.draft.slice(0, -1);
			return check({...state, draft, edited: draft.length > 0, highlight: 0});
		}
		case 'move': {
			const count = visibleChoices(field, state).length;
			const from = state.edited ? state.highlight : Math.max(0, visibleChoices(field, state).indexOf(state.values[field.key]));
			return count === 0 ? state : check({...state, edited: true, highlight: (from + action.delta + count) % count});
		}

		case 'submit': {
			if (state.confirming) return {...state, done: true};
			const value = currentValue(field, state).trim();
			const error = field.validate(value);
			if (error) return {...state, error};
			const values = {...state.values, [field.key]: value} as Record<FieldKey, string>;
			const last = state.step === fields.length - 1;
			return {...state, values, step: last ? state.step : state.step + 1, draft: '', edited: false, highlight: 0, error: null, confirming: last};
		}

		case 'back':
			if (state.confirming) return {...state, confirming: false};
			return {...state, step: Math.max(0, state.step - 1), draft: '', edited: false, highlight: 0, error: null};
		case 'defaults':
			return {...state, values: action.values};
		case 'confirm':
			return state.confirming ? {...state, done: true} : state;
	}
}
