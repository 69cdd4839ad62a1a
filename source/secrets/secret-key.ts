/**
 * A key whose *name* says it holds a secret (`api_key`, `hf_token`, `db_password`, `client-secret`):
 * its value is masked whatever it looks like. Whole words only: `tokenizer`, `max_tokens` and
 * `ssl_keyfile` are not secrets, nor is `output_token_throughput` (`token` counts as the last word only), nor are references such as `api_key_env`.
 */
const secretKeyPattern = /(?:^|[_-])(?:(?:(?:api|access|secret|private|auth)[_-]?key|apikey|secret|password|passwd|passphrase|credentials?)(?:$|[_-])|token$)/i;

/** `api_key_env`, `hf_token_path`: the value names where the secret is, and stays readable. */
const referencePattern = /[_-](?:env|name|file|path|dir)$/i;

/** `max_deferred_experts_per_token`, `bucket_time_to_first_token`, `eos_token`: counts and token kinds, not credentials. */
const tokenKindPattern =
	/(?:^|[_-])(?:per|first|last|max|min|num|each|bos|eos|pad|stop|special|sep|cls|unk|mask|image|video|audio|start|end|think|reasoning|tool)[_-]token$/i;

export function isSecretKey(name: string): boolean {
	return secretKeyPattern.test(name) && !referencePattern.test(name) && !tokenKindPattern.test(name);
}
