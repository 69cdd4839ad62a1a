import {gpuSnapshot, type AppRow, type GpuRow} from '../gpu-snapshot.js';
import {loadWorld, stateDir, type World} from '../world.js';

type Field = {header: string; unit?: string; value: (gpu: GpuRow, world: World, count: number) => string | number};

const gpuFields: Record<string, Field> = {
	index: {header: 'index', value: gpu => gpu.index},
	name: {header: 'name', value: gpu => gpu.name},
	gpu_name: {header: 'name', value: gpu => gpu.name},
	uuid: {header: 'uuid', value: gpu => gpu.uuid},
	gpu_uuid: {header: 'uuid', value: gpu => gpu.uuid},
	count: {header: 'count', value: (_gpu, _world, count) => count},
	'pci.bus_id': {header: 'pci.bus_id', value: gpu => gpu.busId},
	driver_version: {header: 'driver_version', value: (_gpu, world) => world.driver_version},
	compute_cap: {header: 'compute_cap', value: gpu => gpu.computeCap},
	'memory.total': {header: 'memory.total', unit: 'MiB', value: gpu => gpu.memoryTotalMib},
	'memory.used': {header: 'memory.used', unit: 'MiB', value: gpu => gpu.memoryUsedMib},
	'memory.free': {header: 'memory.free', unit: 'MiB', value: gpu => gpu.memoryTotalMib - gpu.memoryUsedMib},
	// In MIG mode the whole-GPU utilisation counters are not available.
	'utilization.gpu': {header: 'utilization.gpu', unit: '%', value: gpu => (gpu.mig ? '[N/A]' : gpu.utilization)},
	'utilization.memory': {header: 'utilization.memory', unit: '%', value: gpu => (gpu.mig ? '[N/A]' : Math.round(gpu.utilization * 0.6))},
	'mig.mode.current': {header: 'mig.mode.current', value: gpu => (gpu.mig ? 'Enabled' : 'Disabled')},
	'temperature.gpu': {header: 'temperature.gpu', value: gpu => gpu.temperature},
	'power.draw': {header: 'power.draw', unit: 'W', value: gpu => gpu.powerDraw.toFixed(2)},
	'power.limit': {header: 'power.limit', unit: 'W', value: gpu => gpu.powerLimit.toFixed(2)},
	// nvidia-smi prints the canonical name `clocks.current.sm` as the header for its alias `clocks.sm`.
	'clocks.sm': {header: 'clocks.current.sm', unit: 'MHz', value: gpu => gpu.smClockMhz},
	'clocks.current.sm': {header: 'clocks.current.sm', unit: 'MHz', value: gpu => gpu.smClockMhz},
	'clocks.max.sm': {header: 'clocks.max.sm', unit: 'MHz', value: () => 1980},
	persistence_mode: {header: 'persistence_mode', value: () => 'Enabled'},
};

type AppField = {header: string; unit?: string; value: (app: AppRow) => string | number};
const appFields: Record<string, AppField> = {
	pid: {header: 'pid', value: app => app.pid},
	process_name: {header: 'process_name', value: app => app.processName},
	name: {header: 'process_name', value: app => app.processName},
	used_memory: {header: 'used_gpu_memory', unit: 'MiB', value: app => app.usedMib},
	used_gpu_memory: {header: 'used_gpu_memory', unit: 'MiB', value: app => app.usedMib},
	gpu_uuid: {header: 'gpu_uuid', value: app => app.gpuUuid},
	gpu_bus_id: {header: 'gpu_bus_id', value: app => app.busId},
};

function csv<T>(rows: readonly T[], fields: ReadonlyArray<{header: string; unit?: string; value: (row: T) => string | number}>, format: Set<string>): string {
	const lines: string[] = [];
	if (!format.has('noheader')) {
		lines.push(fields.map(field => (field.unit && !format.has('nounits') ? `${field.header} [${field.unit}]` : field.header)).join(', '));
	}

	for (const row of rows) {
		lines.push(
			fields
				.map(field => {
					const value = field.value(row);
					// `[N/A]` is printed without a unit.
					return `${value}${field.unit && !format.has('nounits') && !String(value).startsWith('[') ? ` ${field.unit}` : ''}`;
				})
				.join(', '),
		);
	}

	return lines.join('\n');
}

function table(world: World, gpus: GpuRow[], apps: AppRow[]): string {
	const bar = '+-----------------------------------------------------------------------------------------+';
	const mid = '+-----------------------------------------+------------------------+----------------------+';
	const out = [
		new Date().toString().slice(0, 24).padEnd(31),
		bar,
		`| NVIDIA-SMI ${world.driver_version.padEnd(22)} Driver Version: ${world.driver_version.padEnd(14)} CUDA Version: ${world.cuda_version.padEnd(9)}|`,
		'|-----------------------------------------+------------------------+----------------------+',
		'| GPU  Name                 Persistence-M | Bus-Id          Disp.A | Volatile Uncorr. ECC |',
		'| Fan  Temp   Perf          Pwr:Usage/Cap |           Memory-Usage | GPU-Util  Compute M. |',
		'|                                         |                        |               MIG M. |',
		'|=========================================+========================+======================|',
	];
	for (const gpu of gpus) {
		out.push(`| ${String(gpu.index).padStart(3)}  ${gpu.name.padEnd(31).slice(0, 31)}On  | ${gpu.busId.padStart(18)} Off |${'0'.padStart(21)} |`);
		const power = `${Math.round(gpu.powerDraw)}W / ${String(gpu.powerLimit).padStart(4)}W`;
		const memory = `${gpu.memoryUsedMib}MiB / ${gpu.memoryTotalMib}MiB`;
		out.push(
			`| N/A   ${`${gpu.temperature}C`.padEnd(4)}  P0 ${power.padStart(24)} | ${memory.padStart(22)} | ${(gpu.mig ? 'N/A' : `${gpu.utilization}%`).padStart(7)}      Default |`,
		);
		out.push(`|                                         |                        |             Disabled |`);
		out.push(mid);
	}

	out.push(
		'',
		bar,
		'| Processes:                                                                              |',
		'|  GPU   GI   CI              PID   Type   Process name                        GPU Memory |',
		'|        ID   ID                                                               Usage      |',
		'|=========================================================================================|',
	);
	if (apps.length === 0) {
		out.push('|  No running processes found                                                             |');
	}

	for (const app of apps) {
		out.push(
			`|  ${String(app.gpuIndex).padStart(3)}   N/A  N/A  ${String(app.pid).padStart(15)}      C   ${app.processName.padEnd(34).slice(0, 34)} ${`${app.usedMib}MiB`.padStart(10)} |`,
		);
	}

	out.push(bar);
	return out.join('\n');
}

/** The `nvidia-smi` of the simulated box: -L, the default table, --query-gpu and --query-compute-apps. */
export function nvidiaSmi(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): {code: number; stdout: string; stderr: string} {
	let world: World;
	try {
		world = loadWorld(env);
	} catch (error) {
		return {code: 9, stdout: '', stderr: `NVIDIA-SMI has failed: ${(error as Error).message}\n`};
	}

	const options = new Map<string, string>();
	const bare = new Set<string>();
	for (let i = 0; i < argv.length; i++) {
		const token = argv[i]!;
		const eq = token.indexOf('=');
		if (eq > 0) {
			options.set(token.slice(0, eq), token.slice(eq + 1));
		} else if (['-i', '--id', '--format', '--query-gpu', '--query-compute-apps'].includes(token) && argv[i + 1] !== undefined) {
			options.set(token, argv[++i]!);
		} else {
			bare.add(token);
		}
	}

	const snapshot = gpuSnapshot(world, stateDir(env));
	const ids = options.get('-i') ?? options.get('--id');
	const selected =
		ids === undefined
			? snapshot.gpus
			: snapshot.gpus.filter(gpu =>
					ids
						.split(',')
						.map(id => id.trim())
						.some(id => id === String(gpu.index) || id === gpu.uuid),
				);
	if (ids !== undefined && selected.length === 0) {
		return {code: 6, stdout: '', stderr: `No devices were found\n`};
	}

	const apps = snapshot.apps.filter(app => selected.some(gpu => gpu.index === app.gpuIndex));
	if (bare.has('-L') || bare.has('--list-gpus')) {
		return {code: 0, stdout: `${selected.map(gpu => `GPU ${gpu.index}: ${gpu.name} (UUID: ${gpu.uuid})`).join('\n')}\n`, stderr: ''};
	}

	const format = new Set(
		(options.get('--format') ?? '')
			.split(',')
			.map(part => part.trim())
			.filter(Boolean),
	);
	const queryGpu = options.get('--query-gpu');
	const queryApps = options.get('--query-compute-apps');
	if ((queryGpu || queryApps) && !format.has('csv')) {
		return {code: 2, stdout: '', stderr: `"--format" must be specified when "--query-gpu" or "--query-compute-apps" is used.\n`};
	}

	if (queryGpu) {
		const fields = pickFields(gpuFields, queryGpu);
		if (typeof fields === 'string') return invalidField(fields);
		const bound = fields.map(field => ({...field, value: (gpu: GpuRow) => field.value(gpu, world, selected.length)}));
		return {code: 0, stdout: `${csv(selected, bound, format)}\n`, stderr: ''};
	}

	if (queryApps) {
		const fields = pickFields(appFields, queryApps);
		if (typeof fields === 'string') return invalidField(fields);
		const text = csv(apps, fields, format);
		return {code: 0, stdout: text === '' ? '' : `${text}\n`, stderr: ''};
	}

	const unknown = [...bare].find(token => token.startsWith('-'));
	if (unknown) {
		return {code: 2, stdout: '', stderr: `Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.\n`};
	}

	return {code: 0, stdout: `${table(world, selected, apps)}\n`, stderr: ''};
}

/** The fields a `--query-*` list names, in its order; the first unknown name instead, if any. */
function pickFields<F>(table: Readonly<Record<string, F>>, query: string): F[] | string {
	const fields: F[] = [];
	for (const name of query.split(',').map(part => part.trim())) {
		const field = table[name];
		if (!field) return name;
		fields.push(field);
	}

	return fields;
}

function invalidField(name: string) {
	return {code: 2, stdout: '', stderr: `Field "${name}" is not a valid field to query.\n`};
}
