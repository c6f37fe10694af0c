import { describeValue } from '../options/validate.js';
import { redactText } from '../redact.js';
import { collectCredentialValues, removeCredentialValues } from '../redact/credential-values.js';
import { readErrorList, readProperty } from '../util/read-property.js';
import { hasErrorBrand } from './brand.js';

const MAX_CAUSE_DEPTH = 5;
// A frame line of a V8 stack: what is kept of a stack that a user's formatting hook wrote.
const FRAME_LINE = /^\s+at /;

/**
 * The stack of a foreign error. A user's `Error.prepareStackTrace` hook formats it when it is first read, and may
 * print the error's fields (the request's headers) in any layout: while the stack is read here, the hook is given
 * a stand-in that holds only the redacted name and message, and the frames as they are (so a source-map hook still
 * maps them). A stack the hook already wrote (axios reads its error's stack to append the caller's frames) keeps
 * only its frame lines under the redacted header.
 */
function readStack(value: object, name: string, message: string): string {
  const header = message === '' ? name : `${name}: ${message}`;
  const hook: unknown = Reflect.get(Error, 'prepareStackTrace');
  if (typeof hook !== 'function') {
    const stack = readProperty(value, 'stack');
    return typeof stack === 'string' ? stack : header;
  }
  const standIn: Error = Object.assign(Object.create(Error.prototype) as Error, { name, message });
  let stack: unknown;
  const format = hook as (error: Error, frames: NodeJS.CallSite[]) => unknown;
  Error.prepareStackTrace = (_error, frames) => format(standIn, frames);
  try {
    stack = readProperty(value, 'stack');
  } finally {
    Reflect.set(Error, 'prepareStackTrace', hook);
  }
  if (typeof stack !== 'string') return header;
  const frames = stack.split('\n').filter((line) => FRAME_LINE.test(line));
  return [header, ...frames].join('\n');
}

// Fields of Node system errors, undici and got errors that help diagnose a failure and hold no credential.
const DIAGNOSTIC_FIELDS = ['code', 'errno', 'syscall', 'address', 'port', 'hostname', 'event'] as const;

/**
 * Copies a foreign error into a plain `Error` that keeps its name, message, stack, system code and cause chain,
 * all redacted, and drops everything else. Raw client errors hold the request configuration with its
 * `Authorization` header (axios `config`, got `options`), so they are never kept as they are.
 */
export function sanitizeCause(value: unknown, depth = 0, heldCredentials: readonly string[] = []): unknown {
  if (value === undefined || value === null) return undefined;
  if (hasErrorBrand(value, 'base')) return value;
  if (typeof value !== 'object') {
    return removeCredentialValues(
      redactText(typeof value === 'string' ? value : describeValue(value)),
      heldCredentials,
    );
  }
  if (depth >= MAX_CAUSE_DEPTH) return undefined;

  // The values this error and the ones that wrap it hold under credential names: removed from every text taken
  // from it, whatever layout put them there.
  const credentials = [...heldCredentials, ...collectCredentialValues(value)];
  const clean = (text: string): string => removeCredentialValues(redactText(text), credentials);
  const rawMessage = readProperty(value, 'message');
  const rawName = readProperty(value, 'name');
  const copy = new Error(clean(typeof rawMessage === 'string' ? rawMessage : ''));
  Object.defineProperty(copy, 'name', {
    value: typeof rawName === 'string' && rawName !== '' ? clean(rawName) : 'Error',
    configurable: true,
    writable: true,
    enumerable: false,
  });
  copy.stack = clean(readStack(value, copy.name, copy.message));
  for (const field of DIAGNOSTIC_FIELDS) {
    const fieldValue = readProperty(value, field);
    if (typeof fieldValue === 'string') (copy as unknown as Record<string, unknown>)[field] = clean(fieldValue);
    else if (typeof fieldValue === 'number') (copy as unknown as Record<string, unknown>)[field] = fieldValue;
  }
  const innerErrors = readErrorList(readProperty(value, 'errors'));
  if (innerErrors.length > 0) {
    // AggregateError from happy-eyeballs connects: keep the per-address failures, flattened into the message too.
    const sanitized = innerErrors.map((inner) => sanitizeCause(inner, depth + 1, credentials));
    Object.defineProperty(copy, 'errors', { value: sanitized, enumerable: false, configurable: true });
    if (copy.message === '') {
      copy.message = sanitized.map((inner) => (inner instanceof Error ? inner.message : String(inner))).join('; ');
    }
  }
  const innerCause = readProperty(value, 'cause');
  if (innerCause !== undefined) {
    Object.defineProperty(copy, 'cause', {
      value: sanitizeCause(innerCause, depth + 1, credentials),
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }
  return copy;
}
