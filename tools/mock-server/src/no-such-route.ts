import { randomUUID } from 'node:crypto';
import type { ScriptedResponse } from './scripted-response.js';

/** The BCE error code of the mock server's answer to a path nobody routed. */
export const NO_SUCH_ROUTE_CODE = 'NoSuchRoute';

/**
 * The answer to a request on a path with no route: 404 with a BCE JSON error body
 * `{"code":"NoSuchRoute","message":...,"requestId":...}` and the same request id in `x-bce-request-id`.
 *
 * @param method - The request method, quoted in the message.
 * @param path - The request path (without query string), quoted in the message.
 */
export function noSuchRouteResponse(method: string, path: string): ScriptedResponse {
  const requestId = randomUUID();
  return {
    status: 404,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'x-bce-request-id': requestId },
    body: JSON.stringify({
      code: NO_SUCH_ROUTE_CODE,
      message: `The mock server has no route for ${method} ${path}.`,
      requestId,
    }),
  };
}
