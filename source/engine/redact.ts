// The redactor lives in source/secrets/ (executors and commands use it too); the engine's old path stays.
export * from '../secrets/redact.js';
