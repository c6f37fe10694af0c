// axios' own fetch adapter (browsers, workers; Node too) bypasses the Node agents and their body watcher: the error
// body is bounded from what axios hands over, a web stream read to the bound and cancelled, a buffered body cut.
import { isBceServiceError } from '@bce-errors/core';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBceErrors } from '../src/index.js';
import { startRawServer, type RawServer } from './raw-server.js';

const LONG = `{"code":"InvalidParameter","message":"${'x'.repeat(2 * 1024 * 1024)}"}`;
let server: RawServer;
beforeAll(async () => {
  server = await startRawServer((_request, response) => {
    response.writeHead(400, { 'content-type': 'application/json', 'content-length': String(LONG.length) });
    response.end(LONG);
  });
});
afterAll(async () => {
  await server.close();
});

describe("adapter: 'fetch'", () => {
  for (const responseType of ['stream', 'text', 'json', 'arraybuffer'] as const) {
    it(`responseType '${responseType}': a 2 MiB error body is kept to the bound`, async () => {
      const client = axios.create({ adapter: 'fetch', responseType });
      installBceErrors(client, { style: 'java', retry: { maxRetries: 0 } });
      const error: unknown = await client.get(`${server.url}/long`).catch((caught: unknown) => caught);
      expect(isBceServiceError(error) && [error.statusCode, error.bodyTruncated]).toEqual([400, true]);
      expect(isBceServiceError(error) && error.message.length + (error.bodySnippet ?? '').length).toBeLessThan(200_000);
    });
  }
});
