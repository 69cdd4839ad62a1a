/**
 * `docker pull` progress without a terminal: docker prints one `<layer id>: <status>` line per layer
 * state change (Pulling fs layer, Waiting, Downloading, Verifying Checksum, Download complete,
 * Extracting, Pull complete, or Already exists) and drops its progress bars. Counting the layers in a
 * final state gives "k/n layers" as the pull goes.
 */
const layerLine = /^([0-9a-f]{12}): (.+)$/;
const finished = new Set(['Pull complete', 'Already exists']);

export function pullProgress(report: (detail: string) => void): (line: string) => void {
	const layers = new Map<string, string>();
	return line => {
		const match = layerLine.exec(line.trim());
		if (!match) return;
		const [, id, status] = match;
		layers.set(id!, status!.replace(/\s*\[.*$/, '').trim());
		const states = [...layers.values()];
		const done = states.filter(state => finished.has(state)).length;
		const present = states.filter(state => state === 'Already exists').length;
		const downloading = states.filter(state => state === 'Downloading' || state === 'Verifying Checksum').length;
		report(`${done}/${layers.size} layers done${present > 0 ? ` (${present} already present)` : ''}${downloading > 0 ? `, ${downloading} downloading` : ''}`);
	};
}
