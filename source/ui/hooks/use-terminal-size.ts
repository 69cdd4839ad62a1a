import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export type TerminalSize = {columns: number; rows: number /** Bumped on every resize: keys <Static> so it prints again. */; generation: number};

// Erase the screen and the scrollback, cursor home.
const clearAll = '\u001B[2J\u001B[3J\u001B[H';

/**
 * The terminal's size, updated on 'resize' so the layout reflows (100×30 when unknown). A resize
 * makes the terminal re-wrap what is already on screen, so Ink's line count of its last frame no
 * longer matches and stale fragments would stay above the new frame: the screen is cleared and the
 * finished list (<Static>, keyed by `generation`) is printed again under it.
 */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const read = (generation: number): TerminalSize => ({columns: stdout.columns || 100, rows: stdout.rows || 30, generation});
	const [size, setSize] = useState(() => read(0));
	useEffect(() => {
		const onResize = () => {
			if (stdout.isTTY) stdout.write(clearAll);
			setSize(previous => read(previous.generation + 1));
		};

		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
