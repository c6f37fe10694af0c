import type { SdkStyle } from '@bce-errors/core';

/** The client the page drives: `@bce-errors/fetch` over the browser's fetch, or `@bce-errors/axios` over XHR. */
export type BrowserAdapter = 'fetch' | 'axios';

/** One request the page makes, as plain JSON (it crosses `page.evaluate`). */
export interface ScenarioRequest {
  adapter: BrowserAdapter;
  style: SdkStyle;
  url: string;
  /** The adapter's `requestId` option; left out, the style's default in a browser. */
  requestId?: boolean;
  /** A per-attempt timeout: fetch's `timeoutMs`, axios' `timeout`. */
  timeoutMs?: number;
  /**
   * The request gets an `AbortSignal` that `BrowserSuiteApi.abort(url)` aborts: the test calls it once the API has
   * seen the request, so the abort always meets a request in flight, however slow the browser is.
   */
  abortable?: boolean;
}

/** What came back in the page, as plain JSON. */
export interface ScenarioResult {
  /** The error's class name, or `'Response'` for a success. */
  name: string;
  /** Whether the rejection was a `BceError` (never a raw `TypeError` or `AxiosError`). */
  isBceError: boolean;
  code: string;
  statusCode: number;
  requestId: string;
  /** A client error's `sentRequestId` ('' when none was sent). */
  sentRequestId: string;
  transportCode: string;
  retries: number;
  messageLength: number;
  /** The first 200 characters of the message, to read in a failure. */
  messageStart: string;
}

/** The page's entry point, `window.bceBrowserSuite`. */
export interface BrowserSuiteApi {
  run(request: ScenarioRequest): Promise<ScenarioResult>;
  /** Aborts the abortable request to `url` that is in flight; false if there is none. */
  abort(url: string): boolean;
  /** `isSecureContext`, whether `crypto.randomUUID` exists, and the unhandled rejections seen so far. */
  environment(): { isSecureContext: boolean; hasRandomUUID: boolean; unhandledRejections: string[] };
}
