// Whether a request may be sent again is a property of its body, the same whichever client carries it: an adapter
// asks here instead of deciding itself, so no client re-sends a one-shot body (empty, the second time).

/** What a retry needs to know about a request's body. */
export interface RequestBodyFacts {
  /** The request has a non-empty body (the Java SDK never retries such a request). */
  present: boolean;
  /** The adapter can send the body again byte for byte. */
  replayable: boolean;
}

const NO_BODY: RequestBodyFacts = Object.freeze({ present: false, replayable: true });

function isOneShot(value: object): boolean {
  // Node streams (and the `form-data` package, a stream), web streams, generators and async iterables are read once.
  if (typeof (value as { pipe?: unknown }).pipe === 'function') return true;
  if (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream) return true;
  if (Symbol.asyncIterator in value) return true;
  return !Array.isArray(value) && typeof (value as { next?: unknown }).next === 'function' && Symbol.iterator in value;
}

/**
 * Describes a request body of any client: strings, bytes, `Blob`s, `URLSearchParams`, WHATWG `FormData` and objects
 * a client serialises (axios' JSON `data`, got's `json`/`form`) can be sent again; streams, generators and async
 * iterables cannot. Never throws: a value it cannot read counts as present and not replayable.
 */
export function describeRequestBody(body: unknown): RequestBodyFacts {
  try {
    if (body === undefined || body === null) return NO_BODY;
    if (typeof body === 'string') return { present: body.length > 0, replayable: true };
    if (typeof body !== 'object') return { present: true, replayable: true };
    if (body instanceof ArrayBuffer || ArrayBuffer.isView(body))
      return { present: body.byteLength > 0, replayable: true };
    if (typeof Blob !== 'undefined' && body instanceof Blob) return { present: body.size > 0, replayable: true };
    if (body instanceof URLSearchParams) return { present: body.toString() !== '', replayable: true };
    return { present: true, replayable: !isOneShot(body) };
  } catch {
    return { present: true, replayable: false };
  }
}
