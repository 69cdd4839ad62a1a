/**
 * A server flag's value as a plan gives it. Lives beside the adapters (which read flags) rather than in
 * `config/`, so that `config → frameworks` is the only direction between the two folders
 * (docs/architecture.md: folders form layers). `config/plan.ts` re-exports both names.
 */
export type FlagValue = string | number | boolean | null | readonly unknown[] | Readonly<Record<string, unknown>>;
export type Flags = Readonly<Record<string, FlagValue>>;
