/**
 * `srun` argv for commands inside Slurm allocations (pure, like docker-argv.ts and ssh-argv.ts).
 * Environment crosses by srun's default `--export=ALL` (names and values stay in the environment of
 * the local srun process, never on its argv); a container image goes to pyxis (`--container-image`),
 * which must be installed on the cluster for that option to exist.
 */
export type SrunOptions = {
	/** Pyxis image (`nvcr.io#nvidia/…`, a squashfs path); null = run on the node as is. */
	readonly containerImage: string | null;
	readonly containerMounts: readonly string[];
	readonly extraArgs: readonly string[];
};

function containerArgs(options: SrunOptions): string[] {
	if (!options.containerImage) return [];
	return [
		`--container-image=${options.containerImage}`,
		...(options.containerMounts.length > 0 ? [`--container-mounts=${options.containerMounts.join(',')}`] : []),
	];
}

/**
 * A step in an existing allocation. `--overlap`: the server step and the probes (nvidia-smi, a
 * version) share the job's CPUs and GPUs instead of waiting for each other.
 */
export function srunInJobArgv(jobId: string, options: SrunOptions, argv: readonly string[]): string[] {
	return [
		'srun',
		`--jobid=${jobId}`,
		'--overlap',
		'--nodes=1',
		'--ntasks=1',
		'--kill-on-bad-exit=1',
		...containerArgs(options),
		...options.extraArgs,
		'--',
		...argv,
	];
}

export type ProbeAllocation = {
	readonly jobName: string;
	readonly gpus: number;
	readonly partition?: string;
	readonly account?: string;
	/** Minutes; bounds a probe whose srun was killed (its own allocation ends with it). */
	readonly minutes: number;
};

/** A short command (nvidia-smi, --help, --version) in an allocation of its own, freed when it ends. */
export function srunProbeArgv(allocation: ProbeAllocation, options: SrunOptions, argv: readonly string[]): string[] {
	return [
		'srun',
		`--job-name=${allocation.jobName}`,
		'--nodes=1',
		'--ntasks=1',
		`--gres=gpu:${allocation.gpus}`,
		`--time=${allocation.minutes}`,
		...(allocation.partition ? [`--partition=${allocation.partition}`] : []),
		...(allocation.account ? [`--account=${allocation.account}`] : []),
		...containerArgs(options),
		...options.extraArgs,
		'--',
		...argv,
	];
}
