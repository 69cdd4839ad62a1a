import type {RuntimeAdapter} from './adapter.js';

/**
 * Log lines every framework can die with (frameworks.md §5). Each framework's runtime adapter puts
 * its own, more specific patterns first; first match wins and the line is quoted in the reason.
 */
export const commonFailurePatterns: RuntimeAdapter['failurePatterns'] = [
	{
		pattern: /unrecognized arguments?:|No such option:|error: argument --\S+: invalid choice|error: ambiguous option|Invalid value for '--/,
		status: 'failed',
		kind: 'unknown flag',
		hint: 'The CLI rejected a flag or value: fix the flag name/value for this framework version (see help/).',
	},
	// PyTorch's caching allocator, the cudaMallocAsync backend ("would exceed allowed memory"), raw
	// CUDA runtime errors from C++ (`::cudaMallocAsync(…): out of memory`) and cuBLAS/NCCL allocs.
	{
		pattern:
			/OutOfMemoryError|CUDA out of memory|CUDA error: out of memory|cudaMalloc\w*\(.*\)?:? ?out of memory|cudaErrorMemoryAllocation|Allocation on device \d+ would exceed allowed memory|CUBLAS_STATUS_ALLOC_FAILED|insufficient GPU memory|Not enough memory|No available memory for the cache blocks|less than desired GPU memory utilization|larger than the available KV cache memory/i,
		status: 'oom',
		kind: 'OOM',
		hint: 'Lower the memory fraction / batch caps / sequence limit, or free the GPU.',
	},
	{
		pattern: /NCCL error|ncclUnhandledCudaError|ncclSystemError|ncclInternalError|DistBackendError|Watchdog caught collective operation timeout/,
		status: 'failed',
		kind: 'NCCL',
		hint: 'Distributed init failed: check --ipc=host, shm size, memlock ulimit and NCCL_IB_DISABLE=1 for containers.',
	},
	{pattern: /Address already in use|Failed to bind socket/, status: 'failed', kind: 'port in use', hint: 'Another process holds the port; retry.'},
	// The exception line says why; "Traceback" and wrapper errors only say that something failed.
	{
		pattern: /^(?:\(\w+ pid=\d+\)\s*)?(?:[\w.]+\.)?[A-Z]\w*(?:Error|Exception):\s*(?!Engine core initialization failed)\S/,
		status: 'failed',
		kind: 'startup crash',
		hint: 'The server crashed while starting; read the quoted line and server.log.',
	},
	{
		pattern: /Traceback \(most recent call last\)|Engine core initialization failed|EngineDeadError|\[E\] /,
		status: 'failed',
		kind: 'startup crash',
		hint: 'The server crashed while starting; read the quoted line and server.log.',
	},
];
