import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real Slurm cluster for tests (facts: ../shared/reference/facts/slurm.md): munged with its own
 * socket, slurmctld and two slurmd processes emulating node1 and node2 on this host, each with two
 * fake GPUs (symlinks to /dev/null, which Slurm accepts as devices). Everything lives in one temporary
 * folder; the daemons are stopped by the pid files they were given, never by name. The product finds
 * the cluster through SLURM_CONF, like any Slurm client.
 */
export type SlurmCluster = {
	readonly dir: string;
	readonly conf: string;
	/** The environment a Slurm client needs to talk to this cluster (SLURM_CONF). */
	readonly env: Readonly<Record<string, string>>;
	readonly nodes: readonly string[];
	/** Milliseconds from the first daemon start until both nodes were idle. */
	readonly startMs: number;
	/** Every job the cluster still knows about that is not finished (squeue). */
	activeJobs(): string[];
	stop(): Promise<void>;
};

const binaries = ['munged', 'mungekey', 'slurmctld', 'slurmd', 'salloc', 'srun', 'squeue', 'scontrol', 'scancel', 'sinfo'];

function which(name: string): boolean {
	const dirs = (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/sbin', '/sbin']);
	return dirs.some(dir => fs.existsSync(path.join(dir, name)));
}

/** Why a real cluster cannot start here (null when it can): the tests skip with this message. */
export function slurmUnavailable(): string | null {
	const missing = binaries.filter(name => !which(name));
	if (missing.length > 0) return `Slurm/munge not installed (missing ${missing.join(', ')}): apt-get install slurm-wlm slurmctld slurmd slurm-client munge`;
	if (process.getuid?.() !== 0) return 'the test cluster runs its daemons as root (SlurmUser=root) and munged as the munge user: run the tests as root';
	if (spawnSync('id', ['-u', 'munge']).status !== 0) return 'no munge user (the munge package creates it)';
	return null;
}

async function freePorts(count: number): Promise<number[]> {
	const servers = await Promise.all(
		Array.from(
			{length: count},
			() =>
				new Promise<net.Server>((resolve, reject) => {
					const server = net.createServer();
					server.once('error', reject);
					server.listen(0, '127.0.0.1', () => resolve(server));
				}),
		),
	);
	const ports = servers.map(server => (server.address() as net.AddressInfo).port);
	await Promise.all(servers.map(server => new Promise(resolve => server.close(resolve))));
	return ports;
}

const sbin = (name: string) => (fs.existsSync(`/usr/sbin/${name}`) ? `/usr/sbin/${name}` : name);

function readPid(file: string): number | null {
	try {
		const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
		return Number.isInteger(pid) && pid > 1 ? pid : null;
	} catch {
		return null;
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string, log: () => string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`test Slurm cluster: ${what} did not happen within ${timeoutMs} ms\n${log()}`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

function tail(file: string, lines = 15): string {
	try {
		return `--- ${path.basename(file)}\n${fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')}`;
	} catch {
		return `--- ${path.basename(file)}: (none)`;
	}
}

export async function startSlurmCluster(options: {nodes?: number; gpusPerNode?: number; cpusPerNode?: number} = {}): Promise<SlurmCluster> {
	const nodeCount = options.nodes ?? 2;
	const gpus = options.gpusPerNode ?? 2;
	const cpus = options.cpusPerNode ?? 2;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-bench-slurm-'));
	// munged (as the munge user) must reach its socket folder through this one.
	fs.chmodSync(dir, 0o755);
	const mungeUid = Number(execFileSync('id', ['-u', 'munge'], {encoding: 'utf8'}).trim());
	const mungeGid = Number(execFileSync('id', ['-g', 'munge'], {encoding: 'utf8'}).trim());
	const munge = path.join(dir, 'munge');
	fs.mkdirSync(munge, {mode: 0o755});
	fs.chownSync(munge, mungeUid, mungeGid);
	const key = path.join(munge, 'munge.key');
	const socket = path.join(munge, 'munge.socket');
	const mungePid = path.join(munge, 'munged.pid');
	const nodes = Array.from({length: nodeCount}, (_, i) => `node${i + 1}`);
	const pidFiles = [mungePid, path.join(dir, 'slurmctld.pid'), ...nodes.map(node => path.join(dir, `slurmd-${node}.pid`))];
	const logs = [path.join(munge, 'munged.log'), path.join(dir, 'slurmctld.log'), ...nodes.map(node => path.join(dir, `slurmd-${node}.log`))];
	const logText = () => logs.map(file => tail(file)).join('\n');

	// Nodes and controller together (they hold munge credentials), munged last; each by its pid file.
	// A daemon gets a second to exit on SIGTERM (slurmctld alone takes ~5 s), then SIGKILL: this
	// cluster's state is thrown away with its folder.
	const stopPids = async (files: readonly string[]) => {
		const pids = files.map(readPid).filter((pid): pid is number => pid !== null && alive(pid));
		for (const pid of pids) process.kill(pid, 'SIGTERM');
		const deadline = Date.now() + 1000;
		while (pids.some(alive) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 25));
		for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
		while (pids.some(alive)) await new Promise(resolve => setTimeout(resolve, 10));
	};

	/**
	 * Job steps outlive a slurmd that died (a node-failure test) and the daemons: every process whose
	 * environment names this cluster's slurm.conf (srun exports it to each task) is one of ours.
	 */
	const stopStrayTasks = () => {
		const mark = `SLURM_CONF=${path.join(dir, 'slurm.conf')}`;
		for (const entry of fs.readdirSync('/proc')) {
			const pid = Number(entry);
			if (!Number.isInteger(pid) || pid === process.pid) continue;
			try {
				if (fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(mark)) process.kill(pid, 'SIGKILL');
			} catch {
				// Gone, or not ours to read.
			}
		}
	};

	const stop = async () => {
		// Jobs first, so the nodes clean up their steps while they still run.
		if (fs.existsSync(path.join(dir, 'slurm.conf')))
			spawnSync('scancel', ['--user=root'], {env: {...process.env, SLURM_CONF: path.join(dir, 'slurm.conf')}, stdio: 'ignore', timeout: 10_000});
		await stopPids(pidFiles.slice(1));
		await stopPids(pidFiles.slice(0, 1));
		stopStrayTasks();
		fs.rmSync(dir, {recursive: true, force: true});
	};

	try {
		const started = Date.now();
		execFileSync(sbin('mungekey'), ['-c', '-k', key], {stdio: 'ignore'});
		fs.chownSync(key, mungeUid, mungeGid);
		fs.chmodSync(key, 0o600);
		const seed = path.join(munge, 'munged.seed');
		execFileSync(
			sbin('munged'),
			[`--socket=${socket}`, `--pid-file=${mungePid}`, `--log-file=${logs[0]}`, `--seed-file=${seed}`, `--key-file=${key}`, '--force'],
			{uid: mungeUid, gid: mungeGid, stdio: 'ignore'},
		);

		const [controllerPort, ...nodePorts] = await freePorts(1 + nodeCount);
		const host = os.hostname();
		const gres = path.join(dir, 'gres.conf');
		const devices = path.join(dir, 'dev');
		fs.mkdirSync(devices);
		const gresLines = ['AutoDetect=off'];
		for (const node of nodes) {
			const nodeDir = path.join(devices, node);
			fs.mkdirSync(nodeDir);
			for (let i = 0; i < gpus; i++) fs.symlinkSync('/dev/null', path.join(nodeDir, `nvidia${i}`));
			gresLines.push(`NodeName=${node} Name=gpu File=${nodeDir}/nvidia[0-${gpus - 1}]`);
		}

		fs.writeFileSync(gres, `${gresLines.join('\n')}\n`);
		for (const node of nodes) fs.mkdirSync(path.join(dir, `spool-${node}`));
		fs.mkdirSync(path.join(dir, 'state'));
		const conf = path.join(dir, 'slurm.conf');
		fs.writeFileSync(
			conf,
			[
				'ClusterName=llmbench',
				`SlurmctldHost=${host}(127.0.0.1)`,
				`SlurmctldPort=${controllerPort}`,
				'AuthType=auth/munge',
				`AuthInfo=socket=${socket}`,
				'CredType=cred/munge',
				'SlurmUser=root',
				'SlurmdUser=root',
				'ProctrackType=proctrack/linuxproc',
				'TaskPlugin=task/none',
				'JobAcctGatherType=jobacct_gather/none',
				'AccountingStorageType=accounting_storage/none',
				'MpiDefault=none',
				'SelectType=select/cons_tres',
				'SelectTypeParameters=CR_Core',
				'GresTypes=gpu',
				'ReturnToService=2',
				'SlurmdTimeout=5',
				'MinJobAge=600',
				'SchedulerType=sched/backfill',
				`StateSaveLocation=${dir}/state`,
				`SlurmdSpoolDir=${dir}/spool-%n`,
				`SlurmctldPidFile=${dir}/slurmctld.pid`,
				`SlurmdPidFile=${dir}/slurmd-%n.pid`,
				`SlurmctldLogFile=${dir}/slurmctld.log`,
				`SlurmdLogFile=${dir}/slurmd-%n.log`,
				...nodes.map(
					(node, i) => `NodeName=${node} NodeHostname=${host} NodeAddr=127.0.0.1 Port=${nodePorts[i]} CPUs=${cpus} RealMemory=4000 Gres=gpu:${gpus}`,
				),
				`PartitionName=gpu Nodes=${nodes.join(',')} Default=YES MaxTime=INFINITE State=UP`,
				'',
			].join('\n'),
		);
		const env = {SLURM_CONF: conf};
		const childEnv = {...process.env, ...env};
		execFileSync(sbin('slurmctld'), ['-f', conf, '-c', '-i'], {env: childEnv, stdio: 'ignore'});
		for (const node of nodes) execFileSync(sbin('slurmd'), ['-f', conf, '-N', node], {env: childEnv, stdio: 'ignore'});
		await waitUntil(
			() => {
				const out = spawnSync('sinfo', ['-h', '-N', '-o', '%N %t'], {env: childEnv, encoding: 'utf8'}).stdout ?? '';
				const idle = out.split('\n').filter(line => /\sidle$/.test(line.trim()));
				return idle.length === nodeCount;
			},
			30_000,
			'both nodes idle',
			logText,
		);
		const startMs = Date.now() - started;
		return {
			dir,
			conf,
			env,
			nodes,
			startMs,
			activeJobs() {
				const out = spawnSync('squeue', ['-h', '-o', '%i %T'], {env: childEnv, encoding: 'utf8'}).stdout ?? '';
				return out
					.split('\n')
					.map(line => line.trim())
					.filter(Boolean);
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
