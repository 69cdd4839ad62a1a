import type {SimFramework} from '../perf/engine-config.js';

const pad = (n: number): string => String(n).padStart(2, '0');

/** A log line prefixed the way each framework's logger does it. */
export function logLine(framework: SimFramework, message: string, level: 'INFO' | 'WARNING' | 'ERROR' = 'INFO', file = 'api_server.py:1'): string {
	const now = new Date();
	const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
	switch (framework) {
		case 'vllm':
			return `(APIServer pid=${process.pid}) ${level} ${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${time} [${file}] ${message}`;
		case 'sglang':
			return `[${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${time}] ${message}`;
		case 'tensorrt_llm': {
			const letter = level === 'INFO' ? 'I' : level === 'WARNING' ? 'W' : 'E';
			return `[${pad(now.getMonth() + 1)}/${pad(now.getDate())}/${now.getFullYear()}-${time}] [TRT-LLM] [${letter}] ${message}`;
		}
	}
}

/** A line from vLLM V1's engine-core process (where start-up failures are logged). */
export function engineCoreLine(message: string, level: 'INFO' | 'WARNING' | 'ERROR' = 'INFO', file = 'core.py:1'): string {
	return logLine('vllm', message, level, file).replace(/^\(APIServer pid=/, '(EngineCore_DP0 pid=');
}

/** The uvicorn lines all three print around the HTTP server start. */
export function uvicornLines(host: string, port: number): {starting: string[]; ready: string[]} {
	return {
		starting: [`INFO:     Started server process [${process.pid}]`, 'INFO:     Waiting for application startup.'],
		ready: ['INFO:     Application startup complete.', `INFO:     Uvicorn running on http://${host}:${port} (Press CTRL+C to quit)`],
	};
}
