import process from 'node:process';
import {createRedactor, type Redactor} from '../secrets/redact.js';
import {secretValuesIn} from '../secrets/secret-values.js';
import type {ConfigIssue} from './plan.js';
import {formatPath, type PathSegment, type YamlSource} from './yaml-source.js';

/**
 * Collects every problem of one file, each with its YAML path and (when known) its line. Every
 * problem of a config is made here, so this is where its text is redacted, once for every way it is
 * shown (validate, --json, plan, a refused run, the wizard): a secret pasted where an env-var name
 * belongs is echoed by messages as a key (`unknown key 'hf_…'`), a value (`got "sk-…"`) or inside
 * one (`not {"token":"…"}`). The redactor also knows the file's own secret-named values, and is
 * built only when the first problem comes: a valid file pays nothing.
 */
export class IssueSink {
	readonly issues: ConfigIssue[] = [];
	private redactor: Redactor | undefined;

	constructor(private readonly source: YamlSource) {}

	get file(): string {
		return this.source.file;
	}

	error(path: readonly PathSegment[], message: string): void {
		this.add(path, message, 'error');
	}

	warn(path: readonly PathSegment[], message: string): void {
		this.add(path, message, 'warning');
	}

	/** A problem the YAML parser found, on a line and no path. */
	brokenYaml(line: number, message: string): void {
		this.issues.push({file: this.source.file, path: '(yaml)', line, message: this.redact(`broken YAML: ${message}`), severity: 'error'});
	}

	get errorCount(): number {
		return this.issues.filter(issue => issue.severity === 'error').length;
	}

	private add(path: readonly PathSegment[], message: string, severity: ConfigIssue['severity']): void {
		this.issues.push({file: this.source.file, path: this.redact(formatPath(path)), line: this.source.lineOf(path), message: this.redact(message), severity});
	}

	private redact(text: string): string {
		this.redactor ??= createRedactor(process.env, documentSecrets(this.source));
		return this.redactor(text);
	}
}

/** `file:line: path: message` — one line, the shape every command prints. */
export function formatIssue(issue: ConfigIssue): string {
	const where = issue.line === null ? issue.file : `${issue.file}:${issue.line}`;
	const prefix = issue.severity === 'warning' ? 'warning: ' : '';
	return `${where}: ${issue.path}: ${prefix}${issue.message}`;
}

/** Values under the file's secret-named keys (secret-values.ts); none when its data cannot be had. */
function documentSecrets(source: YamlSource): string[] {
	try {
		return secretValuesIn(source.data());
	} catch {
		return [];
	}
}
