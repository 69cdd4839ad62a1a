/** Small pure formatters shared by the screens (tested through them). */

export function formatDuration(ms: number | null): string {
	if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
	return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

export function formatNumber(value: number | null | undefined, digits = 1): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '—';
	return value.toFixed(digits);
}

export function formatGiB(mib: number): string {
	return (mib / 1024).toFixed(1);
}

/** Cuts to `width` columns with an ellipsis, so a long command never breaks the layout. */
export function truncate(text: string, width: number): string {
	if (width <= 1) return text.slice(0, Math.max(0, width));
	return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

const blocks = '▁▂▃▄▅▆▇█';

export function sparkline(values: readonly number[], max: number, width: number): string {
	const recent = values.slice(-width);
	return recent.map(value => blocks[Math.min(blocks.length - 1, Math.max(0, Math.floor((value / (max || 1)) * blocks.length)))]).join('');
}

export function bar(fraction: number, width: number): string {
	const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
	const filled = Math.round(clamped * width);
	return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}
