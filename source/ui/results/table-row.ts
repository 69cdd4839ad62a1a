/** A table row: column name → cell text (ready to print). */
export type TableRow = Record<string, string>;

/** Cuts to `max` characters with an ellipsis. */
export function ellipsize(text: string, max: number): string {
	if (text.length <= max) return text;
	return max <= 1 ? text.slice(0, max) : `${text.slice(0, max - 1)}…`;
}
