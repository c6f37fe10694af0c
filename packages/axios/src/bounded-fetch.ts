import { readWebStreamWithin, type ErrorBody } from '@bce-errors/core/adapter';

// axios' fetch adapter (`adapter: 'fetch'`; the only one in workers) reads a whole response body into memory before
// any interceptor runs, with no bound and, without a `timeout`, no end if the body stops arriving: the Node agents'
// watcher never sees it. axios (1.12 and later) calls the fetch of the request's `env.fetch`: the adapter puts there
// a fetch that reads an error body to the bound, within core's limits, keeps those bytes for the adapter (the bytes
// the server sent, as the Node watcher keeps them) and hands axios a response with only them. A success response
// is handed over as it came. Older axios ignores `env.fetch`, and reads as before.

type Fetch = (input: unknown, init?: unknown) => Promise<Response>;

interface EnvWithFetch {
  fetch?: unknown;
}

/** The body each bounded fetch read, by the `Request` axios passed it (axios' `request` on its error). */
const readBodies = new WeakMap<object, ErrorBody>();

/** The bounded fetches of every install: a retry's config already has one. */
const boundedFetches = new WeakSet();

/** What the bounded fetch kept of the error body of `request` (axios' `error.request`), if it read one. */
export function boundedFetchBody(request: unknown): ErrorBody | undefined {
  return typeof request === 'object' && request !== null ? readBodies.get(request) : undefined;
}

let nodeProcess: boolean | undefined;

/** axios' own test for its `http` adapter: a Node-like `process` (a runtime fact, read once). */
function hasNodeProcess(): boolean {
  nodeProcess ??= Object.prototype.toString.call((globalThis as { process?: unknown }).process) === '[object process]';
  return nodeProcess;
}

function firstSupportedIsFetch(names: readonly unknown[]): boolean {
  for (const name of names) {
    if (name === 'fetch') return typeof globalThis.fetch === 'function';
    if (name === 'xhr' && typeof XMLHttpRequest !== 'undefined') return false;
    if (name === 'http' && hasNodeProcess()) return false;
    // A custom adapter function: the caller's own transport, not axios' fetch adapter.
    if (typeof name === 'function') return false;
  }
  return false;
}

/**
 * Whether a request with this `adapter` config goes through axios' fetch adapter: `'fetch'`, or a list whose first
 * adapter this runtime supports is it (workers have neither XHR nor Node's `http`). Other requests need no bounded
 * fetch, and their configs are left as they are (the success path of every Node request).
 */
export function usesFetchAdapter(adapter: unknown): boolean {
  if (adapter === 'fetch') return true;
  // Read each time, not cached by the list: axios' mergeConfig hands every request a fresh copy of its defaults'
  // array, so a cache keyed by it never hits and only grows the garbage of each request.
  return Array.isArray(adapter) && firstSupportedIsFetch(adapter);
}

/** The statuses whose response can have no body (the `Response` constructor refuses one). */
function isNullBodyStatus(status: number): boolean {
  return status === 101 || status === 103 || status === 204 || status === 205 || status === 304;
}

function signalOf(input: unknown, init: unknown): AbortSignal | undefined {
  const signal =
    (init as { signal?: unknown } | undefined)?.signal ??
    (typeof Request === 'function' && input instanceof Request ? input.signal : undefined);
  return signal instanceof AbortSignal ? signal : undefined;
}

/**
 * A function that gives a request config's `env` a bounded fetch around its own (or, without one, around whatever
 * `globalThis.fetch` is when the request is sent, which test mocks replace); `undefined` where there is no fetch or
 * `Response` to build one with. Wrappers are made once per fetch: axios keeps one adapter per fetch for ever.
 */
export function createFetchBounding(
  maxBytes: number,
  isError: (status: number) => boolean,
): (env: unknown) => EnvWithFetch | undefined {
  if (typeof Response !== 'function') return () => undefined;
  const wrappers = new WeakMap<object, Fetch>();
  let globalWrapper: Fetch | undefined;

  function bounded(underlying: Fetch | undefined): Fetch {
    const wrapper: Fetch = async (input, init) => {
      const fetchNow = underlying ?? (globalThis.fetch as Fetch);
      const response = await fetchNow(input, init);
      if (!isError(response.status) || response.body === null) return response;
      // An abort while reading rejects, as axios' own read would (it then reports the cancel).
      const body = await readWebStreamWithin(response.body, maxBytes, signalOf(input, init));
      const kept: ErrorBody = { bytes: body.bytes, truncated: body.truncated, incomplete: body.incomplete };
      if (typeof input === 'object' && input !== null) readBodies.set(input, kept);
      // Bytes of a stream chunk or of a copy: an ArrayBuffer, never a SharedArrayBuffer, as the DOM types ask.
      const bytes =
        body.bytes.byteLength === 0 || isNullBodyStatus(response.status)
          ? null
          : (body.bytes as Uint8Array<ArrayBuffer>);
      const { status } = response;
      // The constructor takes a status of 200..599 only, while a server may send up to 999 (undici's own response
      // has it): built with 599, the instance then carries the real one (and `ok` is false for both). It shows no
      // `body` either: with a `maxContentLength` or a progress callback axios wraps a response that has one in a
      // `new Response` of the status it reads, which would throw; `text()` and the others still read the body.
      const rebuilt = new Response(bytes, {
        status: Math.min(status, 599),
        statusText: response.statusText,
        headers: response.headers,
      });
      if (status > 599) Object.defineProperties(rebuilt, { status: { value: status }, body: { value: null } });
      return rebuilt;
    };
    boundedFetches.add(wrapper);
    return wrapper;
  }

  return (env) => {
    const own = (env as EnvWithFetch | null | undefined)?.fetch;
    if (typeof own === 'function' && boundedFetches.has(own)) return undefined;
    if (own !== undefined && typeof own !== 'function') return undefined;
    if (own === undefined && typeof globalThis.fetch !== 'function') return undefined;
    let wrapper: Fetch | undefined;
    if (own === undefined) wrapper = globalWrapper ??= bounded(undefined);
    else {
      wrapper = wrappers.get(own);
      if (wrapper === undefined) {
        wrapper = bounded(own as Fetch);
        wrappers.set(own, wrapper);
      }
    }
    return { ...(env as object | undefined), fetch: wrapper };
  };
}
