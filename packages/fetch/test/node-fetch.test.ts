// `fetch: nodeFetch`: node-fetch (the fetch of many Node code bases before Node 18) gives a response whose body is a
// Node `Readable`, not a web `ReadableStream`. Its error bodies must be read as any other (parsed, bounded, ended
// when they stop arriving), not turned into a client error about `getReader`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, HUGE_ERROR_BODY_BYTES, listenOnLoopback, writeHugeErrorBody } from '@bce-errors/adapter-suite';
import { isBceServiceError } from '@bce-errors/core';
import nodeFetch from 'node-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBceFetch } from '../src/index.js';

let url = '';
let hugeBytesWritten = 0;
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  request.resume();
  if (request.url === '/huge') {
    writeHugeErrorBody(response, { status: 400, requestId: 'rid-huge' }, (bytes) => {
      hugeBytesWritten += bytes;
    });
    return;
  }
  if (request.url === '/stalled') {
    response.writeHead(503, { 'content-type': 'application/json', 'x-bce-request-id': 'rid-stalled' });
    response.write('{"code":"ServiceUnavailable","mess');
    return;
  }
  if (request.url === '/ok') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
    return;
  }
  response.writeHead(404, { 'content-type': 'application/json', 'x-bce-request-id': 'rid-header' });
  response.end('{"code":"NoSuchKey","message":"no such key","requestId":"rid-body"}');
});
beforeAll(async () => {
  url = await listenOnLoopback(server);
});
afterAll(async () => {
  await closeServer(server);
});

// node-fetch's own types differ from the DOM's in details the adapter does not use.
const bceFetch = (options: Parameters<typeof createBceFetch>[0] = {}): ReturnType<typeof createBceFetch> =>
  createBceFetch({ fetch: nodeFetch as unknown as typeof fetch, retry: false, ...options });

describe('fetch: node-fetch (a Node Readable body)', () => {
  it('an error body is parsed in every style', async () => {
    for (const style of ['go', 'java', 'python'] as const) {
      const error = await bceFetch({ style })(`${url}/missing`).catch((caught: unknown) => caught);
      expect(isBceServiceError(error) && [style, error.statusCode, error.code, error.errorMessage]).toEqual([
        style,
        404,
        'NoSuchKey',
        'no such key',
      ]);
    }
  });

  it('a 100 MiB error body is read to maxErrorBodyBytes and the rest is not downloaded', async () => {
    hugeBytesWritten = 0;
    const error = await bceFetch({ style: 'go' })(`${url}/huge`).catch((caught: unknown) => caught);
    expect(isBceServiceError(error) && [error.statusCode, error.bodyTruncated, error.requestId]).toEqual([
      400,
      true,
      'rid-huge',
    ]);
    expect(hugeBytesWritten).toBeLessThan(HUGE_ERROR_BODY_BYTES / 4);
  });

  it('an error body that stops arriving ends the request with what arrived', async () => {
    const error = await bceFetch({ style: 'go' })(`${url}/stalled`).catch((caught: unknown) => caught);
    expect(isBceServiceError(error) && [error.statusCode, error.code, error.requestId]).toEqual([
      503,
      'MalformedJSON',
      'rid-stalled',
    ]);
  }, 15_000);

  it('a success response is handed over as node-fetch made it', async () => {
    const response = await bceFetch({ style: 'go' })(`${url}/ok`);
    expect(await response.json()).toEqual({ ok: true });
  });
});
