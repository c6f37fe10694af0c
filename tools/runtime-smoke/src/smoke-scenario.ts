import type { SdkStyle } from '@bce-errors/core';

/** The runtimes the suite drives, each from its npm package. */
export type RuntimeName = 'deno' | 'bun' | 'workerd';

/** The client a case drives: `@bce-errors/fetch` over the runtime's fetch, or `@bce-errors/axios` with axios' fetch adapter. */
export type SmokeAdapter = 'fetch' | 'axios';

/** One request a runtime makes, as plain JSON (it is baked into the bundle). */
export interface SmokeRequest {
  /** The case's key: the API counts its requests under it, and the result line carries it back. */
  key: string;
  adapter: SmokeAdapter;
  style: SdkStyle;
  url: string;
  /** A per-attempt timeout: fetch's `timeoutMs`, axios' `timeout`. */
  timeoutMs?: number;
  /** Abort the request through an `AbortSignal` this long after it started. */
  abortAfterMs?: number;
}

/** One link of an error's `cause` chain, to read which texts a runtime gives for a transport failure. */
export interface CauseLink {
  name: string;
  message: string;
  code: string;
}

/** What came back in the runtime, as one JSON line. */
export interface SmokeResult {
  key: string;
  /** The error's class name, or `'Response'` for a success. */
  name: string;
  /** Whether the rejection was a `BceError` (never a raw `TypeError` or `AxiosError`). */
  isBceError: boolean;
  code: string;
  statusCode: number;
  requestId: string;
  transportCode: string;
  retries: number;
  /** The message's length: an error body is bounded (P12), whatever its size. */
  messageLength: number;
  /** The first 200 characters of the message, to read in a failure. */
  messageStart: string;
  /** The error's causes, outermost first (at most 4). */
  causes: CauseLink[];
  /** An unhandled rejection or error the runtime reported while the cases ran. */
  unhandled?: string[];
}
