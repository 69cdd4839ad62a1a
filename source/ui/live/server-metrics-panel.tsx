import {memo} from 'react';
import {Text} from 'ink';
import type {ServerMetricsState} from '../../engine/run-state.js';
import {sparkline} from '../format.js';

/**
 * One line: what the running server itself reports on its metrics endpoint — running and waiting
 * requests and KV-cache use, each with a short history, and preemptions so far. A framework that
 * exports no value for one shows "n/a" (TensorRT-LLM has no preemption count).
 */
export const ServerMetricsPanel = memo(function ServerMetricsPanel({metrics, candidateId}: {
	readonly metrics: ServerMetricsState | null | undefined;
	/** Readings of another (earlier) candidate are not shown as this one's. */
	readonly candidateId: string | null;
}) {
	if (!metrics || metrics.candidateId !== candidateId) return <Text dimColor wrap="truncate">Server metrics · no readings yet</Text>;
	const peak = Math.max(1, ...metrics.running, ...metrics.waiting);
	const last = (values: readonly number[]) => (values.length === 0 ? 'n/a' : String(Math.round(values.at(-1)!)));
	const kv = metrics.kvCacheUsage.at(-1);
	return (
		<Text wrap="truncate">
			<Text bold>Server metrics </Text>
			<Text dimColor>running </Text><Text color="green">{sparkline(metrics.running, peak, 8)}</Text> {last(metrics.running).padStart(4)}
			<Text dimColor>  waiting </Text><Text color={(metrics.waiting.at(-1) ?? 0) > 0 ? 'yellow' : 'green'}>{sparkline(metrics.waiting, peak, 8)}</Text> {last(metrics.waiting).padStart(4)}
			<Text dimColor>  KV </Text><Text color={(kv ?? 0) > 0.95 ? 'red' : 'blue'}>{sparkline(metrics.kvCacheUsage, 1, 8)}</Text> {kv === undefined ? 'n/a' : `${Math.round(kv * 100)}%`.padStart(4)}
			<Text dimColor>  preemptions </Text>{metrics.preemptions === null ? 'n/a' : String(metrics.preemptions)}
		</Text>
	);
});
