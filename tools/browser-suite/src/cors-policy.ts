/**
 * How the error API answers CORS, chosen per request by the first path segment, so that one server shows every
 * configuration an API in front of a browser may have.
 * - `open`: allows the page's origin, the request headers the adapters may send (`x-bce-request-id` included) and
 *   exposes the headers the errors read.
 * - `no-expose`: as `open` without `Access-Control-Expose-Headers`: the page cannot read `x-bce-request-id`.
 * - `no-request-id-header`: as `open`, but `Access-Control-Allow-Headers` omits `x-bce-request-id`.
 * - `none`: no CORS headers at all: every cross-origin response is blocked.
 */
export type CorsPolicy = 'open' | 'no-expose' | 'no-request-id-header' | 'none';

/** Every policy, for validation. */
export const CORS_POLICIES: readonly CorsPolicy[] = ['open', 'no-expose', 'no-request-id-header', 'none'];

/** The request headers an API called from a browser allows: what a BCE client sends, signature included. */
export const ALLOWED_REQUEST_HEADERS = ['content-type', 'authorization', 'x-bce-date', 'x-bce-request-id'];

/** The response headers the errors read and a page cannot see unless they are exposed. */
export const EXPOSED_RESPONSE_HEADERS = ['x-bce-request-id', 'x-bce-debug-id', 'x-request-id', 'retry-after'];

/** The CORS headers of a response (or a preflight's answer) under `policy` for a request from `origin`. */
export function corsHeaders(
  policy: CorsPolicy,
  origin: string | undefined,
  allowedOrigins: readonly string[],
): Record<string, string> {
  if (policy === 'none' || origin === undefined || !allowedOrigins.includes(origin)) return {};
  const allowHeaders =
    policy === 'no-request-id-header'
      ? ALLOWED_REQUEST_HEADERS.filter((name) => name !== 'x-bce-request-id')
      : ALLOWED_REQUEST_HEADERS;
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE',
    'access-control-allow-headers': allowHeaders.join(', '),
    ...(policy === 'no-expose' ? {} : { 'access-control-expose-headers': EXPOSED_RESPONSE_HEADERS.join(', ') }),
    vary: 'Origin',
  };
}
