/**
 * Expected failures that end a command. The CLI prints `message` alone (no stack trace) and exits
 * with `exitCode`: 1 when the input was checked and found wrong, 2 for bad usage (docs/commands.md).
 * Anything else thrown is a bug and keeps its stack.
 */
export class UserError extends Error {
	readonly exitCode: 1 | 2;

	constructor(message: string, exitCode: 1 | 2 = 1) {
		super(message);
		this.name = 'UserError';
		this.exitCode = exitCode;
	}
}

export class UsageError extends UserError {
	constructor(message: string) {
		super(message, 2);
		this.name = 'UsageError';
	}
}
