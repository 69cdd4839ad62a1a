import {useRef, useState} from 'react';
import {Text, useApp, useInput} from 'ink';
import Spinner from 'ink-spinner';
import type {Session} from '../../engine/session-types.js';
import {UserError} from '../../errors.js';
import {GuidedPlanInvalid, type GuideSetup} from '../guide-inputs.js';
import type {WizardValues} from '../wizard/wizard-fields.js';
import {Wizard, type Reopen} from '../wizard/wizard.js';
import {App} from './app.js';

/** A started run as the app shows it: the session and an optional line under the header. */
export type Stage = {readonly session: Session; readonly banner?: string; /** A viewer that may not steer (attach without the token). */ readonly readOnly?: boolean};

export type Guide = {
	readonly setup: GuideSetup;
	/** Writes the plan from the answers and starts the session (preflight begins). */
	readonly begin: (values: WizardValues) => Promise<Stage>;
};

/**
 * The TUI as one Ink app with phases: the guided inputs (when asked for), then preflight, the live
 * run and the results. One render owns stdin for the whole way, so no two apps read keys at once.
 */
export function Root({stage: given, guide, interactive, onStage}: {
	readonly stage?: Stage;
	readonly guide?: Guide;
	readonly interactive: boolean;
	readonly onStage: (stage: Stage) => void;
}) {
	const [stage, setStage] = useState<Stage | null>(given ?? null);
	const [starting, setStarting] = useState(false);
	// A plan that did not validate (or inputs the run refused): back to the wizard, answers kept.
	const [retry, setRetry] = useState<{values: WizardValues; reopen: Reopen; attempt: number} | null>(null);
	const cancelled = useRef(false);
	const {exit} = useApp();
	// Ctrl-C while the plan is written and the session starts: the session is aborted as soon as it exists.
	useInput((input, key) => {
		if (key.ctrl && input === 'c') cancelled.current = true;
	}, {isActive: interactive && starting && !stage});

	if (stage) return <App session={stage.session} interactive={interactive} banner={stage.banner} readOnly={stage.readOnly ?? false} />;
	if (!guide) return <Text color="red">Nothing to show: no run and no guided inputs.</Text>;
	if (starting) {
		return (
			<Text color="cyan">
				<Spinner type="dots" /> writing the plan and starting preflight…
			</Text>
		);
	}

	const onDone = (values: WizardValues | null) => {
		if (!values) {
			exit();
			return;
		}

		setStarting(true);
		guide.begin(values).then(
			started => {
				onStage(started);
				if (cancelled.current) {
					started.session.abort('interrupted (ctrl-c)');
					void started.session.done.then(() => exit());
					return;
				}

				setStage(started);
			},
			(error: Error) => {
				if (!(error instanceof UserError) || cancelled.current) {
					exit(error);
					return;
				}

				const first = error instanceof GuidedPlanInvalid ? error.issues[0] : undefined;
				const reopen = {key: error instanceof GuidedPlanInvalid ? error.field : null, error: first ? `${first.path}: ${first.message}` : error.message};
				setRetry(previous => ({values, reopen, attempt: (previous?.attempt ?? 0) + 1}));
				setStarting(false);
			},
		);
	};

	return retry ? (
		<Wizard key={retry.attempt} {...guide.setup} initial={retry.values} reopen={retry.reopen} interactive={interactive} onDone={onDone} />
	) : (
		<Wizard {...guide.setup} interactive={interactive} onDone={onDone} />
	);
}
