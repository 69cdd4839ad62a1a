import test from 'ava';
import WebSocket from 'ws';
import {serveWs} from '../../source/remote/serve-ws.js';
import {createFakeSession} from '../helpers/fake-session.js';

/** The first message a viewer gets and how its connection ends (bounded: 3 s). */
async function connect(url: string): Promise<{first: string; closeCode: number | null; socket: WebSocket}> {
	const socket = new WebSocket(url);
	return new Promise(resolve => {
		let first = '';
		const timer = setTimeout(() => resolve({first, closeCode: null, socket}), 3000);
		socket.on('message', raw => {
			first ||= String(raw);
			if (first.includes('"hello"')) {
				clearTimeout(timer);
				resolve({first, closeCode: null, socket});
			}
		});
		socket.on('close', code => {
			clearTimeout(timer);
			resolve({first, closeCode: code, socket});
		});
	});
}

test('the ws server caps its viewers and tells a refused one why', async t => {
	const server = await serveWs(createFakeSession(), '127.0.0.1:0', 2);
	try {
		const kept = [await connect(server.url), await connect(server.url)];
		for (const viewer of kept) t.regex(viewer.first, /"hello"/);
		const refused = await connect(server.url);
		t.is(refused.closeCode, 1013);
		t.regex(refused.first, /too many viewers: this run serves at most 2/);
		// A viewer leaving frees its place.
		kept[0]!.socket.close();
		await new Promise(resolve => setTimeout(resolve, 200));
		const again = await connect(server.url);
		t.regex(again.first, /"hello"/);
		for (const viewer of [...kept, again]) viewer.socket.close();
	} finally {
		await server.close();
	}
});
