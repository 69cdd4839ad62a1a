import type {Command} from './command.js';
import {parseCommandArgs} from './parse-command-args.js';
import {UsageError, UserError} from '../errors.js';

const usage = `Usage: llm-bench-tui attach ws://HOST:PORT [--token T]

Watch a run started with --serve-ws from another terminal. Without --token the view is read-only;
with the token the run printed at start, s skips a candidate and a aborts the run.`;

export const command: Command = {
	summary: 'watch (and, with the token, steer) a run from another terminal',
	usage,
	async run(argv) {
		const {positionals, values} = parseCommandArgs('attach', usage, argv, {token: {type: 'string'}});
		const url = positionals[0];
		if (positionals.length !== 1 || !url || !/^wss?:\/\/[^/\s]+/.test(url)) {
			throw new UsageError(`attach: give one ws://HOST:PORT address (got ${positionals.length === 0 ? 'none' : `'${positionals.join(' ')}'`})\n\n${usage}`);
		}

		const {token} = values;
		// Loaded here so a usage error does not pay for Ink and ws.
		const [{connectRemoteSession}, {startTui}] = await Promise.all([import('../remote/remote-session.js'), import('../ui/start-tui.js')]);
		const remote = await connectRemoteSession(url, {token}).catch((error: Error) => {
			throw new UserError(`attach: cannot connect to ${url}: ${error.message}; is the run started with --serve-ws, and is the port reachable from here?`);
		});
		// Without a token the server refuses every steering message: offer none of those keys.
		const readOnly = !token;
		const banner = `attached to ${url} · ${readOnly ? 'read-only (pass --token T to steer)' : 'token sent: s skips, a aborts'}`;
		const closed = remote.closed.then(reason => reason);
		await startTui({session: remote, banner, until: closed, autoProceed: false, readOnly});
		remote.close();
		const reason = await Promise.race([closed, new Promise<string>(resolve => setTimeout(() => resolve(''), 200))]);
		// The server closes the socket when its run ends: after a finished run that is the normal end.
		const finished = remote.history.some(event => event.type === 'run-finished');
		if (finished) return 0;
		if (reason && reason !== 'viewer left') console.error(`attach: the connection ended before the run finished: ${reason}`);
		return reason && reason !== 'viewer left' ? 1 : 0;
	},
};
