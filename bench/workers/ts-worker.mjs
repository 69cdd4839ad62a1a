// Starts a TypeScript worker entry (workerData.entry, a file URL) through tsx: on Node 20 a worker
// given `execArgv: ['--import', 'tsx']` still fails on its .ts entry (ERR_UNKNOWN_FILE_EXTENSION),
// while tsx's tsImport registers the loader in this thread first.
import {workerData} from 'node:worker_threads';

const {tsImport} = await import('tsx/esm/api');
await tsImport(workerData.entry, import.meta.url);
