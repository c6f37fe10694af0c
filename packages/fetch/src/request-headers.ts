import { REQUEST_ID_HEADER } from '@bce-errors/core/adapter';

// The caller's headers as they were given, read without trusting them: a value fetch refuses must not crash the
// error path, and the value itself (often a token) must never reach the error.

/** The name/value pairs of a `HeadersInit` of any shape; throws whatever a hostile iterable throws. */
function* headerEntries(headers: HeadersInit): Generator<[unknown, unknown]> {
  if (headers instanceof Headers || Symbol.iterator in headers) {
    for (const pair of headers as Iterable<unknown>) {
      if (Array.isArray(pair)) yield [pair[0], pair[1]];
    }
    return;
  }
  for (const name of Object.keys(headers)) yield [name, (headers as Record<string, unknown>)[name]];
}

// What fetch refuses in a header value once it trimmed the surrounding whitespace: CR, LF and NUL (the Fetch standard).
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;
const SURROUNDING_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/**
 * The name of the first header whose value fetch refuses (a CR, LF or NUL inside it), or `undefined`. Never throws.
 */
export function invalidHeaderName(headers: HeadersInit | undefined): string | undefined {
  if (headers === undefined) return undefined;
  try {
    for (const [name, value] of headerEntries(headers)) {
      if (typeof value !== 'string' || typeof name !== 'string') continue;
      if (FORBIDDEN_IN_VALUE.test(value.replace(SURROUNDING_WHITESPACE, ''))) return name;
    }
  } catch {
    // A hostile iterable: fetch's own error says what went wrong, and holds no value of ours.
  }
  return undefined;
}

/** The error that replaces fetch's own for a refused header value: it names the header, never the value. */
export function invalidHeaderError(name: string): TypeError {
  return new TypeError(
    `createBceFetch: the value of header ${JSON.stringify(name)} contains a CR, LF or NUL character, which HTTP ` +
      'does not allow; remove the line breaks (or encode the value) before sending it.',
  );
}

/** The `x-bce-request-id` the caller set, if any. Never throws, whatever the headers hold. */
export function readSentRequestId(headers: HeadersInit | undefined): string | undefined {
  if (headers === undefined) return undefined;
  try {
    for (const [name, value] of headerEntries(headers)) {
      if (typeof name === 'string' && name.toLowerCase() === REQUEST_ID_HEADER && typeof value === 'string')
        return value.trim();
    }
  } catch {
    // As invalidHeaderName: nothing to report then.
  }
  return undefined;
}
