/** The module at `relative` (a .ts path relative to source/sim, or absolute), bundled and cached, or through tsx. */
export function loadEntry(relative: string): Promise<Record<string, unknown>>;
