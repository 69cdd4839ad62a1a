import type {ConfigIssue} from './plan.js';
import {formatPath, type PathSegment, type YamlSource} from './yaml-source.js';

/** Collects every problem of one file, each with its YAML path and (when known) its line. */
export class IssueSink {
	readonly issues: ConfigIssue[] = [];

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

	get errorCount(): number {
		return this.issues.filter(issue => issue.severity === 'error').length;
	}

	private add(path: readonly PathSegment[], message: string, severity: ConfigIssue['severity']): void {
		this.issues.push({file: this.source.file, path: formatPath(path), line: this.source.lineOf(path), message, severity});
	}
}

/** `file:line: path: message` — one line, the shape every command prints. */
export function formatIssue(issue: ConfigIssue): string {
	const where = issue.line === null ? issue.file : `${issue.file}:${issue.line}`;
	const prefix = issue.severity === 'warning' ? 'warning: ' : '';
	return `${where}: ${issue.path}: ${prefix}${issue.message}`;
}
