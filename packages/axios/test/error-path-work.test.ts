// What the adapter does per failed request beyond the error itself (issue 14): an error body axios already read
// whole needs no stall guard, so no timer is armed for it; a body still arriving keeps its guard.
import { isBceServiceError } from '@bce-errors/core';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBceErrors } from '../src/index.js';
import { startRawServer, type RawServer } from './raw-server.js';

let server: RawServer;
let lastRequestId: string | string[] | undefined;
beforeAll(async () => {
  server = await startRawServer((request, response) => {
    lastRequestId = request.headers['x-bce-request-id'];
    response.writeHead(404, { 'content-type': 'application/json', 'x-bce-request-id': 'r-work' });
    if (request.url === '/stall') {
      // Half a body, then nothing until the client gives up.
      response.write('{"code":"NoSuch');
      return;
    }
    response.end('{"code":"NoSuchKey","message":"no such key","requestId":"r-work"}');
  });
});
afterAll(async () => {
  await server.close();
});

/** The delays of the timers armed while `run` runs (every `setTimeout` of this process, counted, then passed on). */
async function timersArmedDuring(run: () => Promise<unknown>): Promise<number[]> {
  const original = globalThis.setTimeout;
  const delays: number[] = [];
  globalThis.setTimeout = ((handler: () => void, delay?: number, ...rest: unknown[]) => {
    delays.push(delay ?? 0);
    return original(handler, delay, ...rest);
  }) as typeof setTimeout;
  try {
    await run();
  } finally {
    globalThis.setTimeout = original;
  }
  return delays;
}

describe('the error path arms no timer it does not need', () => {
  it('a buffered 404 without a timeout: the timers bare axios arms, no stall timer (the body is complete)', async () => {
    const bare = axios.create();
    const client = axios.create();
    installBceErrors(client, { style: 'go', retry: false });
    let error: unknown;
    const bareDelays = await timersArmedDuring(() => bare.get(`${server.url}/missing`).catch(() => undefined));
    const delays = await timersArmedDuring(async () => {
      error = await client.get(`${server.url}/missing`).catch((caught: unknown) => caught);
    });
    expect(isBceServiceError(error) && error.code).toBe('NoSuchKey');
    expect(delays).toEqual(bareDelays);
  });

  it("responseType: 'stream', a body that stalls: the stall guard still ends the read", async () => {
    const client = axios.create({ responseType: 'stream' });
    installBceErrors(client, { style: 'java', retry: false });
    let error: unknown;
    const delays = await timersArmedDuring(async () => {
      error = await client.get(`${server.url}/stall`).catch((caught: unknown) => caught);
    });
    expect(isBceServiceError(error) && error.statusCode).toBe(404);
    expect(delays).toContain(2000);
  }, 10_000);
});

describe('the request id of the go style', () => {
  it.each(['X-Bce-Request-Id', 'X-BCE-REQUEST-ID', 'x-bce-request-id'])(
    "a caller's %s is sent as it is, no second id beside it",
    async (name) => {
      const client = axios.create();
      installBceErrors(client, { style: 'go', retry: false });
      await client.get(`${server.url}/own-id`, { headers: { [name]: 'caller-id-7' } }).catch(() => undefined);
      expect(lastRequestId).toBe('caller-id-7');
    },
  );

  it('without one of the caller, one fresh UUIDv4', async () => {
    const client = axios.create();
    installBceErrors(client, { style: 'go', retry: false });
    await client.get(`${server.url}/fresh-id`).catch(() => undefined);
    expect(lastRequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
