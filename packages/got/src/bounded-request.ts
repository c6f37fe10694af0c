import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { watchErrorBody } from '@bce-errors/core/adapter';

/**
 * A got `request` function that watches error responses: past `maxBytes` of decoded body it keeps what it read and
 * destroys the response, so got never buffers more than about `maxBytes` of an error body.
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
    });
    return request;
  };
}
