/** One request the mock server received, as recorded when it arrived. */
export interface RecordedRequest {
  /** The request method, e.g. `'GET'`. */
  method: string;
  /** The request path without the query string, e.g. `'/bucket/key'`. */
  path: string;
  /** The request headers as Node parsed them (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  /** How many request body bytes had arrived when the record was read. */
  bodyBytes: number;
  /** When the request head arrived, as `performance.now()` milliseconds. */
  receivedAt: number;
}

/**
 * The path of a request target without its query string (and fragment), as routes are matched.
 *
 * @param target - The request target, e.g. `req.url` (`'/a/b?x=1'`).
 */
export function requestPath(target: string): string {
  const end = target.search(/[?#]/u);
  return end === -1 ? target : target.slice(0, end);
}
