import { REDACTED } from './redacted.js';
import { isSecretName } from './secret-names.js';

// Bounds of the walk over a foreign error: it is untrusted input (getters, proxies, cycles, huge graphs).
const MAX_DEPTH = 4;
const MAX_OBJECTS = 64;
// Where clients keep the request they sent: axios `config`, got `options`, `request`, `response`, and their headers.
const HOLDERS = new Set(['config', 'options', 'headers', 'request', 'response', 'init', '_options']);
const MAX_VALUES = 64;
// Shorter pieces would match ordinary words of a stack; a credential is longer.
const MIN_VALUE_LENGTH = 8;

function ownKeys(value: object): string[] {
  try {
    return Object.keys(value);
  } catch {
    return [];
  }
}

function read(source: object, key: string): unknown {
  try {
    return (source as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function addValue(values: Set<string>, value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value.slice(0, 8)) addValue(values, item);
    return;
  }
  if (typeof value !== 'string') return;
  // The whole value and its parts: a hook may render `cookie` parsed into pairs, or a token without its scheme.
  for (const piece of [value, ...value.split(/[\s;,&=]+/)]) {
    if (values.size >= MAX_VALUES) return;
    if (piece.length >= MIN_VALUE_LENGTH && !piece.includes(REDACTED)) values.add(piece);
  }
}

/**
 * The credential values a foreign error holds under credential names, on itself or in the request it keeps (axios
 * `config.headers.Authorization`, got `options.headers.cookie`), longest first. Whatever text was
 * rendered from the error (a stack formatted by an `Error.prepareStackTrace` hook that prints its fields, in any
 * layout) can then be cleaned of them with {@link removeCredentialValues}.
 */
export function collectCredentialValues(root: unknown): string[] {
  const values = new Set<string>();
  const seen = new Set<object>();
  let level: object[] = [];
  if (typeof root === 'object' && root !== null) level.push(root);
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth += 1) {
    const next: object[] = [];
    for (const source of level) {
      if (seen.has(source) || seen.size >= MAX_OBJECTS) continue;
      seen.add(source);
      // `headers` is read even when it is a getter (got's Options), not an own enumerable key.
      const keys = ownKeys(source);
      if (!keys.includes('headers')) keys.push('headers');
      for (const key of keys) {
        const member = read(source, key);
        if (isSecretName(key)) addValue(values, member);
        else if (HOLDERS.has(key) && typeof member === 'object' && member !== null) next.push(member);
      }
    }
    level = next;
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** `text` with every occurrence of each of `values` replaced by `[REDACTED]`; linear in the text per value. */
export function removeCredentialValues(text: string, values: readonly string[]): string {
  let result = text;
  for (const value of values) if (result.includes(value)) result = result.split(value).join(REDACTED);
  return result;
}
