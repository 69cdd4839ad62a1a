import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';

/**
 * Start-up cost of the compiled CLI (dist/, built by `npm run build`): whole-process `validate` of
 * one config against a bare `node -e 0`, and `validate` of every reference cookbook config against
 * Python + PyYAML merely loading the same files. Each figure is the median of several runs, in CPU
 * seconds (user + system of the child, read from /proc as the children's rusage) and wall seconds;
 * CPU is the steadier one on a shared 2-core box. Aims (issue 10): ≤ 2.5× and ≤ 1.1×.
 */
const root = fileURLToPath(new URL('../', import.meta.url));
const cli = path.join(root, 'dist', 'cli.js');
// What an operator runs: the bin, which imports dist/cli.js.
const bin = path.join(root, 'bin', 'llm-bench-tui.js');
const referenceDir = path.resolve(root, '../shared/reference/cookbook-llm');
const configsDir = existsSync(referenceDir) ? referenceDir : path.join(root, 'configs', 'cookbook-llm');
const runs = Number(process.env.STARTUP_RUNS ?? 9);
const ticksPerSecond = 100;

/** User + system seconds of waited-for children so far (Linux /proc; fields 16 and 17). */
function childCpuSeconds(): number | null {
	try {
		const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
		return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
	} catch {
		return null;
	}
}

type Timing = {cpuS: number | null; wallS: number};

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

type Command = readonly [string, readonly string[]];

/** Runs the commands in turn, `runs` rounds, so a busy moment on the machine hits each alike. */
function measureInTurn(commands: readonly Command[]): Timing[] {
	const cpu = commands.map((): number[] => []);
	const wall = commands.map((): number[] => []);
	for (let i = 0; i < runs; i += 1) {
		commands.forEach(([command, args], index) => {
			const before = childCpuSeconds();
			const start = process.hrtime.bigint();
			const result = spawnSync(command, args, {
				cwd: root,
				env: {...process.env, NODE_ENV: 'production', LLM_BENCH_TUI_FROM_SOURCE: ''},
				stdio: ['ignore', 'ignore', 'pipe'],
				encoding: 'utf8',
			});
			wall[index]!.push(Number(process.hrtime.bigint() - start) / 1e9);
			const after = childCpuSeconds();
			if (before !== null && after !== null) cpu[index]!.push(after - before);
			if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
		});
	}

	return commands.map((_, index) => ({cpuS: cpu[index]!.length === runs ? median(cpu[index]!) : null, wallS: median(wall[index]!)}));
}

function pyYamlAvailable(): boolean {
	return spawnSync('python3', ['-c', 'import yaml'], {stdio: 'ignore'}).status === 0;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;
const cpuOf = (timing: Timing): number | string => (timing.cpuS === null ? 'n/a (no /proc)' : round(timing.cpuS));
const ratio = (a: Timing, b: Timing): string => {
	const cpu = a.cpuS !== null && b.cpuS ? `${(a.cpuS / b.cpuS).toFixed(2)}× CPU` : 'CPU n/a';
	return `${cpu}, ${(a.wallS / b.wallS).toFixed(2)}× wall`;
};

export async function run(): Promise<Record<string, number | string>> {
	// The figures are for what ships: the compiled CLI. Build it when this checkout has none yet.
	if (!existsSync(cli)) spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {cwd: root, stdio: 'inherit'});
	if (!existsSync(cli)) return {skipped: 'dist/cli.js is missing and `npm run build` did not make it'};
	const configs = readdirSync(configsDir)
		.filter(file => file.endsWith('.yaml'))
		.sort();
	const one = path.join(configsDir, configs.includes('qwen3-235b-a22b.yaml') ? 'qwen3-235b-a22b.yaml' : configs[0]!);
	const figures: Record<string, number | string> = {runs_each: runs, configs_dir: path.relative(root, configsDir), configs: configs.length};
	const load = 'import glob, sys, yaml\nfor f in sorted(glob.glob(sys.argv[1] + "/*.yaml")):\n    with open(f) as h: yaml.safe_load(h)';
	const python = pyYamlAvailable();
	const [bare, single, all, pyyaml] = measureInTurn([
		[process.execPath, ['-e', '0']],
		[process.execPath, [bin, 'validate', one]],
		[process.execPath, [bin, 'validate', configsDir]],
		...(python ? [['python3', ['-c', load, configsDir]] as const] : []),
	]);
	Object.assign(figures, {
		bare_node_cpu_s: cpuOf(bare!),
		bare_node_wall_s: round(bare!.wallS),
		validate_one_cpu_s: cpuOf(single!),
		validate_one_wall_s: round(single!.wallS),
		'validate_one_vs_bare_node (aim ≤ 2.5×)': ratio(single!, bare!),
		validate_all_cpu_s: cpuOf(all!),
		validate_all_wall_s: round(all!.wallS),
	});
	if (pyyaml) {
		Object.assign(figures, {
			pyyaml_load_all_cpu_s: cpuOf(pyyaml),
			pyyaml_load_all_wall_s: round(pyyaml.wallS),
			'validate_all_vs_pyyaml_load (aim ≤ 1.1×)': ratio(all!, pyyaml),
		});
	} else {
		figures['validate_all_vs_pyyaml_load (aim ≤ 1.1×)'] =
			'PyYAML is not installed (python3 -c "import yaml" fails; Debian: apt-get install python3-yaml; pip cannot reach PyPI here): no comparison';
	}

	return figures;
}
