import path from 'node:path';
import {useEffect, useState} from 'react';
import {loadContextBeside, type ReportContext} from '../../report/report-context.js';
import {artifactNames} from '../../engine/artifacts.js';

/**
 * The run's manifest.json as the report reads it, once the run directory is known. A viewer on
 * another machine (attach) has no such file: the context stays empty and the report derives what
 * it can from the rows. A manifest that does not parse is reported, never thrown into React.
 */
export function useRunContext(runDir: string | null): {context: ReportContext | undefined; problem: string | null} {
	const [loaded, setLoaded] = useState<{dir: string; context: ReportContext; problem: string | null} | null>(null);
	useEffect(() => {
		if (!runDir) return;
		let live = true;
		loadContextBeside(path.join(runDir, artifactNames.results)).then(
			context => live && setLoaded({dir: runDir, context, problem: null}),
			(error: Error) => live && setLoaded({dir: runDir, context: {}, problem: error.message}),
		);
		return () => {
			live = false;
		};
	}, [runDir]);
	return loaded?.dir === runDir ? {context: loaded.context, problem: loaded.problem} : {context: undefined, problem: null};
}
