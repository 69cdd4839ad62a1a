import {useEffect, useState, type DependencyList, type ReactNode} from 'react';
import {renderToString} from 'ink';

/**
 * A document rendered to terminal lines (ANSI kept) once per change of `deps`, so a screen can show
 * any window of it. Rendered on a timer after the commit: React forbids a render inside a render,
 * and yoga's layout cannot be re-entered from the outer app's commit (it crashes). Null until the
 * first render (and whenever `make` gives null).
 */
export function useRenderedLines(make: () => ReactNode | null, columns: number, deps: DependencyList): string[] | null {
	const [lines, setLines] = useState<{key: readonly unknown[]; lines: string[] | null} | null>(null);
	useEffect(() => {
		const node = make();
		if (node === null) {
			setLines(null);
			return;
		}

		const timer = setTimeout(() => setLines({key: [...deps, columns], lines: renderToString(node, {columns}).split('\n')}), 0);
		return () => clearTimeout(timer);
	}, [...deps, columns]);
	return lines?.lines ?? null;
}
