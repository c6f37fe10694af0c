import type { AdapterOptions } from '@bce-errors/core/adapter';

/** Options of {@link createBceFetch}: the shared adapter options plus the fetch to wrap and a timeout. */
export interface BceFetchOptions extends AdapterOptions {
  /**
   * The `fetch` implementation to wrap (undici's, a polyfill, node-fetch, whose body is a Node `Readable`, a test
   * double). @default globalThis.fetch
   */
  fetch?: typeof fetch | undefined;
  /**
   * Per-attempt timeout in milliseconds, up to the response headers and the error body; `0` turns it off.
   * A success body streams without it, so downloads are not cut. @default 0
   */
  timeoutMs?: number | undefined;
}
