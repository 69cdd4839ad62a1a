/** A CLI command: gets its own argv (after the command name), returns the exit code. */
export type Command = {
	readonly summary: string;
	readonly usage: string;
	/**
	 * Done in well under a second (validate, plan): V8's optimizing compiler would spend more CPU
	 * compiling hot paths on its background threads than the few milliseconds it could win back.
	 */
	readonly shortLived?: boolean;
	run(argv: readonly string[]): Promise<number>;
};
