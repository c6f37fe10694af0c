// With `responseType: 'stream'` the adapter reads the error body itself, after axios settled: that read has a
// deadline (the attempt's `timeout`, or a stall guard without one) and stops at the caller's abort.
import zlib from 'node:zlib';
import { isBceClientError, isBceServiceError } from '@bce-errors/core';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBceErrors } from '../src/index.js';
import { startRawServer, type RawServer } from './raw-server.js';

let server: RawServer;
const big = zlib.gzipSync(Buffer.from(`{"code":"InternalError","message":"${'x'.repeat(4 * 1024 * 1024)}"}`));
beforeAll(async () => {
  server = await startRawServer((request, response) => {
    if (request.url === '/gzip-big') {
      response.writeHead(500, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(big);
      return;
    }
    // Headers and the start of a body, then nothing: the server neither ends nor closes.
    response.writeHead(500, { 'content-type': 'application/json', 'content-length': '4096' });
    response.write('{"code":"InternalError","message":"');
  });
});
afterAll(async () => {
  await server.close();
});

describe("responseType: 'stream' error bodies", () => {
  it('a stalled error body ends the read after the stall guard: the 500 with what arrived', async () => {
    const client = axios.create({ responseType: 'stream' });
    installBceErrors(client, { style: 'java', retry: { maxRetries: 0 } });
    const error: unknown = await client.get(`${server.url}/stall`).catch((caught: unknown) => caught);
    expect(isBceServiceError(error) && error.statusCode).toBe(500);
  });

  it("the caller's abort stops a stalled error body read", async () => {
    const client = axios.create({ responseType: 'stream' });
    installBceErrors(client, { style: 'java', retry: { maxRetries: 0 } });
    const controller = new AbortController();
    const seen = server.requests();
    const pending = client
      .get(`${server.url}/stall-abort`, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    // Abort once the server has answered, so the abort lands in the body read.
    while (server.requests() === seen) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(new Error('caller gave up'));
    const error: unknown = await pending;
    expect(isBceClientError(error) && error.transportCode).toBe('Aborted');
  });

  it("the attempt's timeout covers the error body read", async () => {
    const client = axios.create({ responseType: 'stream', timeout: 300 });
    installBceErrors(client, { style: 'java', retry: { maxRetries: 0 } });
    const error: unknown = await client.get(`${server.url}/stall-timeout`).catch((caught: unknown) => caught);
    expect(isBceClientError(error) && error.transportCode).toBe('Timeout');
  });

  it('a compressed error body longer than the bound is read to the bound, not stalled by backpressure', async () => {
    const client = axios.create({ responseType: 'stream' });
    installBceErrors(client, { style: 'java', retry: { maxRetries: 0 } });
    const error: unknown = await client.get(`${server.url}/gzip-big`).catch((caught: unknown) => caught);
    expect(isBceServiceError(error) && [error.statusCode, error.bodyTruncated]).toEqual([500, true]);
  });
});
