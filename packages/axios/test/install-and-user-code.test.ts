// What the caller's own code does around the adapter: installing it twice, interceptors that throw or that edit
// axios' error before the adapter sees it.
import { inspect } from 'node:util';
import { isBceClientError, isBceServiceError } from '@bce-errors/core';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBceErrors } from '../src/index.js';
import { startRawServer, type RawServer } from './raw-server.js';

class SigningError extends Error {
  readonly keyId = 'key-7';
}

let server: RawServer;
beforeAll(async () => {
  server = await startRawServer((request, response) => {
    if (request.url === '/moved') {
      response.writeHead(302, { location: '/elsewhere', 'content-length': '0' });
      response.end();
      return;
    }
    if (request.url === '/ok') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
      return;
    }
    response.writeHead(500, { 'content-type': 'application/json' });
    response.end('{"code":"InternalError","message":"boom","requestId":"r-1"}');
  });
});
afterAll(async () => {
  await server.close();
});

/** The timers this process has running. */
function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}

describe('installing twice on one instance', () => {
  it('replaces the first install: no timer or interceptor left behind per request', async () => {
    const client = axios.create({ timeout: 60_000 });
    const options = { style: 'java', retry: { maxRetries: 1, delayMs: () => 1 } } as const;
    const first = installBceErrors(client, options);
    const second = installBceErrors(client, options);
    const before = activeTimers();
    for (let round = 0; round < 20; round += 1) {
      await client.get(`${server.url}/ok`);
      await client.get(`${server.url}/500`).catch((caught: unknown) => caught);
    }
    // An orphan per request would be 40 timers of 60 s; a few of vitest's own may come and go.
    expect(activeTimers() - before).toBeLessThan(5);
    const error: unknown = await client.get(`${server.url}/500`).catch((caught: unknown) => caught);
    expect(isBceServiceError(error) && error.code).toBe('InternalError');
    const requests = server.requests();
    await client.get(`${server.url}/ok`);
    // One interceptor pair: the request is sent once, and the error is converted once (no retry of a BceError).
    expect(server.requests() - requests).toBe(1);
    // A second install replaces the first: its options apply.
    const restyled = axios.create();
    installBceErrors(restyled, { style: 'java', retry: { maxRetries: 0 } });
    installBceErrors(restyled, { style: 'python', retry: { maxRetries: 0 } });
    const python: unknown = await restyled.get(`${server.url}/500`).catch((caught: unknown) => caught);
    expect(isBceServiceError(python) && python.style).toBe('python');
    // The first uninstall no longer removes what the second installed; the second's does.
    first();
    await expect(client.get(`${server.url}/500`)).rejects.toSatisfy(isBceServiceError);
    second();
    await expect(client.get(`${server.url}/500`)).rejects.toSatisfy((thrown: unknown) => axios.isAxiosError(thrown));
  });
});

describe("the caller's interceptors", () => {
  it('a request interceptor that throws on a retry ends with the 500 that triggered it, its error as cause', async () => {
    const client = axios.create();
    let calls = 0;
    const failure = new SigningError('cannot sign');
    client.interceptors.request.use((config) => {
      calls += 1;
      if (calls === 3) throw failure;
      return config;
    });
    installBceErrors(client, { style: 'python', retry: { maxRetries: 3, delayMs: () => 1 } });
    const seen = server.requests();
    const error: unknown = await client.get(`${server.url}/500`).catch((caught: unknown) => caught);
    expect(isBceServiceError(error) && [error.statusCode, error.code, error.retries]).toEqual([
      500,
      'InternalError',
      1,
    ]);
    expect((error as { cause?: unknown }).cause).toBe(failure);
    expect(server.requests() - seen).toBe(2);
  });

  it("a request interceptor that throws at once: a BceClientError whose cause is the caller's error, as it is", async () => {
    const client = axios.create();
    const failure = new SigningError('no credentials');
    client.interceptors.request.use(() => {
      throw failure;
    });
    installBceErrors(client, { style: 'go' });
    const error: unknown = await client.get(`${server.url}/500`).catch((caught: unknown) => caught);
    expect(isBceClientError(error) && error.retries).toBe(0);
    const cause = (error as { cause?: unknown }).cause;
    expect([cause instanceof SigningError, (cause as SigningError).keyId]).toEqual([true, 'key-7']);
  });

  it("an interceptor that wraps axios' error as the cause of its own: a redacted copy, no AxiosError reachable", async () => {
    const authorization =
      'bce-auth-v1/AKCALLERWRAP/2026-12-01T00:00:00Z/1800/host/0123456789abcdef0123456789abcdef01234567';
    const client = axios.create();
    client.interceptors.response.use(undefined, (thrown: unknown) =>
      Promise.reject(new SigningError('request failed', { cause: thrown })),
    );
    installBceErrors(client, { style: 'go', retry: false });
    const error: unknown = await client
      .get(`${server.url}/500`, { headers: { Authorization: authorization, 'x-bce-security-token': 'STSCALLERWRAP' } })
      .catch((caught: unknown) => caught);
    expect(isBceClientError(error)).toBe(true);
    const chain: unknown[] = [];
    for (let link: unknown = (error as Error).cause; link !== undefined && chain.length < 10;) {
      chain.push(link);
      link = (link as { cause?: unknown }).cause;
    }
    // The caller's error is still recognisable by name and message; the AxiosError under it is a redacted copy.
    expect([(chain[0] as Error).name, (chain[0] as Error).message]).toEqual(['Error', 'request failed']);
    expect(chain.some((link) => axios.isAxiosError(link))).toBe(false);
    const rendered = inspect(error, { depth: Infinity, showHidden: true });
    expect(rendered).not.toContain('AKCALLERWRAP');
    expect(rendered).not.toContain('STSCALLERWRAP');
  });

  it('detects the status rejection by its code, not its text: an interceptor may reword the message', async () => {
    const client = axios.create({ maxRedirects: 0 });
    client.interceptors.response.use(undefined, (thrown: unknown) => {
      if (axios.isAxiosError(thrown)) thrown.message = `GET failed: ${thrown.message}`;
      throw thrown;
    });
    installBceErrors(client, { style: 'go', retry: { delayMs: () => 1 } });
    // go style: a 3xx that reaches the caller is a success, as through got and fetch (P1).
    const response = await client.get(`${server.url}/moved`);
    expect(response.status).toBe(302);
    const error: unknown = await client.get(`${server.url}/500`).catch((caught: unknown) => caught);
    expect(isBceServiceError(error) && [error.code, error.bodyTruncated]).toEqual(['InternalError', false]);
  });
});
