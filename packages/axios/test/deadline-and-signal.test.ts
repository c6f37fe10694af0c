// An attempt with a `timeout` and the caller's own signal: the adapter combines the two for axios. Either one ends
// the attempt, each says which it was, and a long-lived caller signal keeps nothing per request (issue 14: without
// `AbortSignal.any`, which costs ~20 µs per call in Node 20).
import { getEventListeners } from 'node:events';
import { isBceClientError, isBceServiceError } from '@bce-errors/core';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBceErrors } from '../src/index.js';
import { startRawServer, type RawServer } from './raw-server.js';

let server: RawServer;
beforeAll(async () => {
  server = await startRawServer((request, response) => {
    if (request.url === '/hang') return;
    response.writeHead(request.url === '/ok' ? 200 : 404, { 'content-type': 'application/json' });
    response.end('{"code":"NoSuchKey","message":"no such key","requestId":"r-deadline"}');
  });
});
afterAll(async () => {
  await server.close();
});

/** How often `AbortSignal.any` is called while `run` runs (the real one still answers). */
async function anyCallsDuring(run: () => Promise<unknown>): Promise<number> {
  const original = AbortSignal.any.bind(AbortSignal);
  let calls = 0;
  AbortSignal.any = (signals) => {
    calls += 1;
    return original(signals);
  };
  try {
    await run();
  } finally {
    AbortSignal.any = original;
  }
  return calls;
}

describe("an attempt's timeout beside the caller's signal", () => {
  it('the caller aborts first: Aborted, with the caller reason', async () => {
    const client = axios.create({ timeout: 5000 });
    installBceErrors(client, { style: 'java', retry: false });
    const controller = new AbortController();
    const pending = client.get(`${server.url}/hang`, { signal: controller.signal }).catch((caught: unknown) => caught);
    setTimeout(() => {
      controller.abort(new Error('caller gave up'));
    }, 50);
    const error = await pending;
    expect(isBceClientError(error) && error.transportCode).toBe('Aborted');
  });

  it('the timeout fires first: Timeout', async () => {
    const client = axios.create({ timeout: 100 });
    installBceErrors(client, { style: 'java', retry: false });
    const controller = new AbortController();
    const error: unknown = await client
      .get(`${server.url}/hang`, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(isBceClientError(error) && error.transportCode).toBe('Timeout');
    expect(controller.signal.aborted).toBe(false);
  });

  it('a caller signal aborted before the request: Aborted, nothing sent', async () => {
    const client = axios.create({ timeout: 5000 });
    installBceErrors(client, { style: 'java', retry: false });
    const seen = server.requests();
    const error: unknown = await client
      .get(`${server.url}/ok`, { signal: AbortSignal.abort(new Error('too late')) })
      .catch((caught: unknown) => caught);
    expect(isBceClientError(error) && error.transportCode).toBe('Aborted');
    expect(server.requests()).toBe(seen);
  });

  it('a long-lived caller signal: no listener left on it after successes and failures', async () => {
    const client = axios.create({ timeout: 5000 });
    installBceErrors(client, { style: 'go', retry: false });
    const controller = new AbortController();
    for (let round = 0; round < 10; round += 1) {
      await client.get(`${server.url}/ok`, { signal: controller.signal });
      const error: unknown = await client
        .get(`${server.url}/missing`, { signal: controller.signal })
        .catch((caught: unknown) => caught);
      expect(isBceServiceError(error) && error.code).toBe('NoSuchKey');
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('combines the two without AbortSignal.any', async () => {
    const client = axios.create({ timeout: 5000 });
    installBceErrors(client, { style: 'go', retry: false });
    const controller = new AbortController();
    const calls = await anyCallsDuring(() => client.get(`${server.url}/ok`, { signal: controller.signal }));
    expect(calls).toBe(0);
  });
});
