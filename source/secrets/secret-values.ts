import {isSecretKey} from './secret-key.js';

/**
 * Values that are secret because of where they were written, gathered once from the loaded plan and
 * recipe so the redactor masks them by value everywhere (a command line, a server log that echoes
 * its argv, plan.yaml as written): any value under a secret-named key (`api_key: …`, `hf_token: …`,
 * `search_space.api_key: [a, b]`), the user and password of a URL (`http://user:pass@host`), and
 * recipe `env:` entries whose name says secret (`MY_TOKEN`).
 */
export function secretValuesIn(value: unknown): string[] {
	const found = new Set<string>();
	const seen = new WeakSet<object>();
	const visit = (node: unknown, secret: boolean): void => {
		if (typeof node === 'string') {
			if (secret) found.add(node);
			for (const credentials of urlCredentials(node)) found.add(credentials);
			return;
		}

		if (typeof node === 'number' || typeof node === 'bigint') {
			if (secret) found.add(String(node));
			return;
		}

		if (!node || typeof node !== 'object' || seen.has(node)) return;
		seen.add(node);
		if (node instanceof Map) {
			for (const [key, item] of node) visit(item, secret || (typeof key === 'string' && isSecretKey(key)));
			return;
		}

		for (const [key, item] of Object.entries(node)) visit(item, secret || isSecretKey(key));
	};

	visit(value, false);
	// Short values ("1", "true") would mask every digit of every figure: the redactor ignores < 4 chars.
	return [...found].filter(text => text.length >= 4);
}

/**
 * `scheme://user:pass@host` → `user:pass` and the password (masked on its own wherever it shows). The
 * user alone is not: `root` would blank `/root/.cache`; inside a URL the pattern in redact.ts masks it.
 */
export function urlCredentials(text: string): string[] {
	const out: string[] = [];
	for (const match of text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/([^\s/@'"]+)@/gi)) {
		const [user, ...rest] = match[1]!.split(':');
		const password = rest.join(':');
		out.push(match[1]!);
		if (user && password) out.push(password, decodeSafe(password));
	}

	return out;
}

function decodeSafe(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
