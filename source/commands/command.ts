/** A CLI command: gets its own argv (after the command name), returns the exit code. */
export type Command = {
	readonly summary: string;
	readonly usage: string;
	run(argv: readonly string[]): Promise<number>;
};
