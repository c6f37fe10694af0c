// The redaction engine lives in ./redact/; this module keeps the path the rest of the package imports it from.
export {
  isSecretName,
  isSensitiveHeaderName,
  isWeakSecretName,
  REDACTED,
  redactText,
  SENSITIVE_HEADER_NAMES,
} from './redact/index.js';
