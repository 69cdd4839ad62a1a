import net from 'node:net';

/** A port nobody listens on right now (bind :0, read, release). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, host, () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** True when something accepts connections on host:port. */
export async function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect({port, host});
		const done = (inUse: boolean) => {
			socket.destroy();
			resolve(inUse);
		};

		socket.setTimeout(1000, () => done(false));
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
	});
}
