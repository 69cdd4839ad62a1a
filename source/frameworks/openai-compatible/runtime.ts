import type {RuntimeAdapter} from '../adapter.js';
import {commonFailurePatterns} from '../common-failure-patterns.js';
import {parseVersionOutput} from '../parse-version.js';
import {commandWords, defaultReadyPath, type OpenAiCompatibleSettings} from './settings.js';

/** Matches no line: without `ready_log`, readiness is the HTTP poll alone. */
const noLine = /(?!)/;

/** Readiness from `ready_path` (and `ready_log`), the version from `version_command`, the common failure lines. */
export function openAiCompatibleRuntime(settings: OpenAiCompatibleSettings): RuntimeAdapter {
	return {
		versionCommand: commandWords(settings.version_command),
		parseVersion: parseVersionOutput,
		readyLogPattern: settings.ready_log === undefined ? noLine : new RegExp(settings.ready_log),
		healthPath: settings.ready_path ?? defaultReadyPath,
		failurePatterns: commonFailurePatterns,
	};
}
