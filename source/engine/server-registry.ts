import fs from 'node:fs';

/**
 * The servers a run has started and not yet stopped, kept on disk (`servers.json` in the run
 * directory). A run killed with SIGKILL cannot stop its servers; `--resume` reads this file and
 * stops what the interrupted run left behind before its preflight finds the GPUs held.
 */
export type LaunchRecord = {
	readonly name: string;
	readonly framework: string;
	readonly candidateId: string;
	/** The local process (group leader) that runs the server or its docker/ssh client. */
	readonly pid: number | null;
	/** What that process runs (argv[0]); checked before signalling, so a reused pid is left alone. */
	readonly command: string;
};

export type ServerRegistry = {
	add(record: LaunchRecord): void;
	remove(name: string): void;
	list(): readonly LaunchRecord[];
};

export function createServerRegistry(file: string): ServerRegistry {
	let records: LaunchRecord[] = [];
	try {
		records = (JSON.parse(fs.readFileSync(file, 'utf8')) as {servers: LaunchRecord[]}).servers;
	} catch {
		records = [];
	}

	const save = () => {
		const temporary = `${file}.tmp`;
		fs.writeFileSync(temporary, `${JSON.stringify({servers: records}, null, 2)}\n`);
		fs.renameSync(temporary, file);
	};

	return {
		add(record) {
			records = [...records.filter(r => r.name !== record.name), record];
			save();
		},
		remove(name) {
			records = records.filter(r => r.name !== name);
			save();
		},
		list: () => records,
	};
}
