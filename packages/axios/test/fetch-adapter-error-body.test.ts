// axios' own fetch adapter (browsers, workers; Node too) bypasses the Node agents and their body watcher: the error
// body is bounded from what axios hands over, a web stream read to the bound and cancelled, a buffered body cut.
import { isBceServiceError } from '@bce-errors/core';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBceErrors } from '../src/index.js';
import { startRawServer, type RawServer } from './raw-server.js';

const SHORT = '{"code":"InvalidParameter","message":"bad","requestId":"r-1"}';
const LONG = `{"code":"InvalidParameter","message":"${'x'.repeat(2 * 1024 * 1024)}"}`;
let server: RawServer;
beforeAll(async () => {
  server = await startRawServer((request, response) => {
    const body = request.url === '/short' ? SHORT : LONG;
    response.writeHead(400, { 'content-type': 'application/json', 'content-length': String(body.length) });
    response.end(body);
  });
});
afterAll(async () => {
  await server.close();
});

describe("adapter: 'fetch'", () => {
  for (const responseType of ['stream', 'text', 'json', 'arraybuffer', 'blob'] as const) {
    it(`responseType '${responseType}': a 2 MiB error body is kept to the bound`, async () => {
      const client = axios.create({ adapter: 'fetch', responseType });
      installBceErrors(client, { style: 'java', retry: { maxRetries: 0 } });
      const error: unknown = await client.get(`${server.url}/long`).catch((caught: unknown) => caught);
      expect(isBceServiceError(error) && [error.statusCode, error.bodyTruncated]).toEqual([400, true]);
      expect(isBceServiceError(error) && error.message.length + (error.bodySnippet ?? '').length).toBeLessThan(200_000);
    });
  }

  for (const responseType of ['stream', 'blob'] as const) {
    it(`responseType '${responseType}': a short error body is read whole and parsed`, async () => {
      const client = axios.create({ adapter: 'fetch', responseType });
      installBceErrors(client, { style: 'java', retry: { maxRetries: 0 } });
      const error: unknown = await client.get(`${server.url}/short`).catch((caught: unknown) => caught);
      expect(isBceServiceError(error) && [error.statusCode, error.code, error.requestId, error.bodyTruncated]).toEqual([
        400,
        'InvalidParameter',
        'r-1',
        false,
      ]);
    });
  }
});
