/** Polls `check` until it returns true or the deadline passes (bounded; no timing luck in asserts). */
export async function waitFor(check: () => boolean, {timeoutMs = 5000, stepMs = 10} = {}): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (check()) return true;
		await new Promise(resolve => setTimeout(resolve, stepMs));
	}

	return check();
}

/** Lets Ink mount effects (useInput attaches its listener in an effect). */
export async function tick(ms = 20): Promise<void> {
	await new Promise(resolve => setTimeout(resolve, ms));
}
