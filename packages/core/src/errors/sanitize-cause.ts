import { describeValue } from '../options/validate.js';
import { redactText } from '../redact.js';
import { readErrorList, readProperty } from '../util/read-property.js';
import { hasErrorBrand } from './brand.js';

const MAX_CAUSE_DEPTH = 5;

// Fields of Node system errors, undici and got errors that help diagnose a failure and hold no credential.
const DIAGNOSTIC_FIELDS = ['code', 'errno', 'syscall', 'address', 'port', 'hostname', 'event'] as const;

/**
 * Copies a foreign error into a plain `Error` that keeps its name, message, stack, system code and cause chain,
 * all redacted, and drops everything else. Raw client errors hold the request configuration with its
 * `Authorization` header (axios `config`, got `options`), so they are never kept as they are.
 */
export function sanitizeCause(value: unknown, depth = 0): unknown {
  if (value === undefined || value === null) return undefined;
  if (hasErrorBrand(value, 'base')) return value;
  if (typeof value !== 'object') return redactText(typeof value === 'string' ? value : describeValue(value));
  if (depth >= MAX_CAUSE_DEPTH) return undefined;

  const rawMessage = readProperty(value, 'message');
  const rawName = readProperty(value, 'name');
  const copy = new Error(redactText(typeof rawMessage === 'string' ? rawMessage : ''));
  Object.defineProperty(copy, 'name', {
    value: typeof rawName === 'string' && rawName !== '' ? redactText(rawName) : 'Error',
    configurable: true,
    writable: true,
    enumerable: false,
  });
  const rawStack = readProperty(value, 'stack');
  copy.stack = typeof rawStack === 'string' ? redactText(rawStack) : `${copy.name}: ${copy.message}`;
  for (const field of DIAGNOSTIC_FIELDS) {
    const fieldValue = readProperty(value, field);
    if (typeof fieldValue === 'string') (copy as unknown as Record<string, unknown>)[field] = redactText(fieldValue);
    else if (typeof fieldValue === 'number') (copy as unknown as Record<string, unknown>)[field] = fieldValue;
  }
  const innerErrors = readErrorList(readProperty(value, 'errors'));
  if (innerErrors.length > 0) {
    // AggregateError from happy-eyeballs connects: keep the per-address failures, flattened into the message too.
    const sanitized = innerErrors.map((inner) => sanitizeCause(inner, depth + 1));
    Object.defineProperty(copy, 'errors', { value: sanitized, enumerable: false, configurable: true });
    if (copy.message === '') {
      copy.message = sanitized.map((inner) => (inner instanceof Error ? inner.message : String(inner))).join('; ');
    }
  }
  const innerCause = readProperty(value, 'cause');
  if (innerCause !== undefined) {
    Object.defineProperty(copy, 'cause', {
      value: sanitizeCause(innerCause, depth + 1),
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }
  return copy;
}
