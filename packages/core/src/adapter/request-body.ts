// Whether a request may be sent again is a property of its body, the same whichever client carries it: an adapter
// asks here instead of deciding itself, so no client re-sends a one-shot body (empty, the second time). The one
// difference between clients is passed in as a fact (`reencodesFormData`), not decided by each adapter.

/** What a retry needs to know about a request's body. */
export interface RequestBodyFacts {
  /** The request has a non-empty body (the Java SDK never retries such a request). */
  present: boolean;
  /** The adapter can send the body again byte for byte. */
  replayable: boolean;
}

/** What the client does with a body, where clients differ. */
export interface RequestBodyOptions {
  /**
   * The client encodes a WHATWG `FormData` afresh for every attempt from the same object (axios and fetch do). got
   * encodes it once into a stream that a retry cannot read again, so its adapter passes `false`, and a `FormData`
   * then gets one attempt. @default true
   */
  reencodesFormData?: boolean | undefined;
}

const NO_BODY: RequestBodyFacts = Object.freeze({ present: false, replayable: true });
const ONE_SHOT: RequestBodyFacts = Object.freeze({ present: true, replayable: false });

function isOneShot(value: object): boolean {
  // Node streams (and the `form-data` package, a stream), web streams, generators and async iterables are read once.
  if (typeof (value as { pipe?: unknown }).pipe === 'function') return true;
  if (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream) return true;
  // A web stream of another realm or a polyfill: what every reader of one calls.
  if (typeof (value as { getReader?: unknown }).getReader === 'function') return true;
  if (Symbol.asyncIterator in value) return true;
  // An iterator (a generator, `array.values()`) is consumed by the first attempt; an iterable that makes a fresh
  // iterator each time (an array, a Set) is not an iterator itself.
  return !Array.isArray(value) && typeof (value as { next?: unknown }).next === 'function' && Symbol.iterator in value;
}

function isFormData(value: object): boolean {
  if (typeof FormData !== 'undefined' && value instanceof FormData) return true;
  // A FormData of a polyfill or another realm says what it is, as got itself checks.
  return (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'FormData';
}

/**
 * Describes a request body of any client, the one replayability decision every adapter uses (contract R): strings,
 * bytes (`Buffer`, typed arrays, `DataView`, `ArrayBuffer`), `Blob`s and `File`s, `URLSearchParams`, objects a
 * client serialises (axios' JSON `data`, got's `json`/`form`), iterables that make a fresh iterator each time, and a
 * WHATWG `FormData` where the client encodes it again (see {@link RequestBodyOptions}) can be sent again byte for
 * byte. Node `Readable`s (axios' stream `data`, the `form-data` package), web `ReadableStream`s (fetch's
 * `duplex: 'half'` bodies), generators, iterators and async iterables (got's generator bodies) cannot: such a
 * request gets one attempt, and that attempt's failure is the request's. Never throws: a value it cannot read counts
 * as present and not replayable.
 */
export function describeRequestBody(body: unknown, options?: RequestBodyOptions): RequestBodyFacts {
  try {
    if (body === undefined || body === null) return NO_BODY;
    if (typeof body === 'string') return { present: body.length > 0, replayable: true };
    if (typeof body !== 'object') return { present: true, replayable: true };
    if (body instanceof ArrayBuffer || ArrayBuffer.isView(body))
      return { present: body.byteLength > 0, replayable: true };
    if (typeof Blob !== 'undefined' && body instanceof Blob) return { present: body.size > 0, replayable: true };
    if (body instanceof URLSearchParams) return { present: body.toString() !== '', replayable: true };
    // Streams first: the `form-data` package is a Node stream that also carries the FormData tag.
    if (isOneShot(body)) return ONE_SHOT;
    if (isFormData(body) && options?.reencodesFormData === false) return ONE_SHOT;
    return { present: true, replayable: true };
  } catch {
    return ONE_SHOT;
  }
}
