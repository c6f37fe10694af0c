import { redactText } from '../redact.js';
import { collectCredentialValues } from '../redact/credential-values.js';
import { readProperty } from '../util/read-property.js';
import { hasErrorBrand } from './brand.js';
import { sanitizeCause } from './sanitize-cause.js';

// How far down a caller's error and its causes are looked at: as deep as sanitizeCause copies a chain.
const MAX_CHAIN = 5;
// Where a caller's error can carry what a client handed it: a raw client error, or the request and response
// objects (got's `response.request.options.headers`), which hold the headers as sent.
const CLIENT_OBJECT_KEYS = ['config', 'options', 'request', 'response'] as const;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Whether one link of the chain could show a credential: it holds one, reaches a client's objects, or says one. */
function exposes(link: object): boolean {
  if (readProperty(link, 'isAxiosError') === true) return true;
  for (const key of CLIENT_OBJECT_KEYS) {
    const value = readProperty(link, key);
    if (typeof value === 'object' && value !== null) return true;
  }
  if (collectCredentialValues(link).length > 0) return true;
  const message = text(readProperty(link, 'message'));
  return redactText(message) !== message;
}

/**
 * The `cause` an adapter gives its error when the caller's own code (an interceptor, a hook) failed: the caller's
 * error as it is (class and fields), unless it or an error of its `cause` chain would show a credential (contract
 * A): a raw client error the caller wrapped (`new Error('failed', { cause: axiosError })`), a client's request or
 * response object it carries, a credential in its message. Then a redacted copy, as every other cause is made
 * ({@link sanitizeCause}: name, message, stack, system code and cause chain).
 */
export function callerFailureCause(failure: unknown): unknown {
  if (hasErrorBrand(failure, 'base')) return failure;
  let link: unknown = failure;
  for (let depth = 0; depth < MAX_CHAIN && link !== undefined && link !== null; depth += 1) {
    // Below one of the library's own errors everything is redacted already.
    if (depth > 0 && hasErrorBrand(link, 'base')) return failure;
    if (typeof link !== 'object' || exposes(link)) return sanitizeCause(failure);
    link = readProperty(link, 'cause');
  }
  return failure;
}
