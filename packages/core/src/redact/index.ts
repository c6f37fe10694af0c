export { REDACTED } from './redacted.js';
export { redactText } from './redact-text.js';
export { isSecretName, isSensitiveHeaderName, isWeakSecretName, SENSITIVE_HEADER_NAMES } from './secret-names.js';
