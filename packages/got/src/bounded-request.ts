import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { watchErrorBody } from '@bce-errors/core/adapter';

/**
 * got's streams read a failed response with `setEncoding` (of their own encoding, `null` when the caller set none,
 * which Node reads as UTF-8): the watcher would then get text, and a compressed error body (bytes, not UTF-8) would
 * be mangled before it decodes it. The error response stays bytes; got concatenates Buffers just as well, and the
 * caller of a failed request gets the error, not these bytes.
 */
function keepBytes(response: IncomingMessage): void {
  response.setEncoding = function keepingBytes(this: IncomingMessage): IncomingMessage {
    return this;
  };
}

/**
 * From Node 24 on, a request whose connection failed (refused) also fails the callback of its `end()` with
 * ERR_SOCKET_CLOSED_BEFORE_CONNECTION. got 14 passes that second error on as the stream's own, and its promise
 * rejects with it before its retry of the first one runs (it guards against this with `_writableState`, which a
 * ClientRequest does not have). The failure was already reported as the request's 'error', so `end()` is told none.
 */
function reportEachFailureOnce(request: ClientRequest): void {
  let failed = false;
  request.once('error', () => {
    failed = true;
  });
  const end = request.end.bind(request) as (...args: unknown[]) => ClientRequest;
  request.end = ((...args: unknown[]): ClientRequest => {
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (error?: Error | null): unknown =>
        (last as (error?: Error | null) => unknown)(failed ? undefined : error);
    }
    return end(...args);
  }) as ClientRequest['end'];
}

/**
 * A got `request` function that watches error responses: past `maxBytes` of decoded body it keeps what it read and
 * destroys the response, so got never buffers more than about `maxBytes` of an error body. The watcher also ends a
 * body that stops arriving (core's `ERROR_BODY_STALL_MILLISECONDS` of silence, `ERROR_BODY_DEADLINE_MILLISECONDS` in
 * all): without a timeout of the caller's, got would wait for it for ever (contract P12). got then fails the attempt
 * with what did arrive (a body cut short, P7).
 */
export function createBoundedRequest(
  maxBytes: number,
  isError: (status: number) => boolean,
): (url: URL, options: RequestOptions, callback?: (response: IncomingMessage) => void) => ClientRequest {
  return function boundedRequest(
    url: URL,
    options: RequestOptions,
    callback?: (response: IncomingMessage) => void,
  ): ClientRequest {
    const request =
      url.protocol === 'https:' ? https.request(url, options, callback) : http.request(url, options, callback);
    request.once('response', (response: IncomingMessage) => {
      watchErrorBody(response, maxBytes, zlib, isError);
      // The watcher decodes an error body itself, bounded. got's own decoder (decompress-response) would inflate
      // all of it, whatever the watcher cut: 421 bytes of brotli become 256 MiB in got's buffer. Without the header
      // got keeps the (bounded) compressed bytes it read, and the adapter reads the watcher's decoded ones.
      if (!isError(response.statusCode ?? 0)) return;
      if (response.headers['content-encoding'] !== undefined) delete response.headers['content-encoding'];
      keepBytes(response);
    });
    reportEachFailureOnce(request);
    return request;
  };
}
