import { isBceServiceError } from '@bce-errors/core';
import { startMockServer, type MockServer } from '@bce-errors/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBceFetch } from '../src/index.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server.close();
});

describe('fetch specifics', () => {
  it('returns the very same Response object, its body unread', async () => {
    server.route('/ok', { status: 200, body: '{"ok":true}' });
    let original: Response | undefined;
    const bceFetch = createBceFetch({
      style: 'java',
      fetch: async (input, init) => {
        original = await fetch(input, init);
        return original;
      },
    });
    const response = await bceFetch(`${server.url}/ok`);
    expect(response).toBe(original);
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('leaves a streaming success body to the caller', async () => {
    server.route('/drip', { status: 200, body: 'a'.repeat(64), dripBytesPerChunk: 16, dripIntervalMs: 20 });
    const response = await createBceFetch({ timeoutMs: 50 })(`${server.url}/drip`);
    // The per-attempt timeout ends with the headers: a slow success body still streams to the end.
    expect(await response.text()).toHaveLength(64);
  });

  it('signs every attempt again when the wrapped fetch signs', async () => {
    server.route('/signed', { status: 500, body: '{"code":"InternalError","message":"m"}' });
    let signatures = 0;
    const bceFetch = createBceFetch({
      style: 'go',
      retry: { delayMs: () => 1 },
      fetch: (input, init) => {
        signatures += 1;
        const headers = new Headers(init?.headers);
        headers.set('authorization', `bce-auth-v1/ak/${String(signatures)}`);
        return fetch(input, { ...init, headers });
      },
    });
    await expect(bceFetch(`${server.url}/signed`)).rejects.toSatisfy(isBceServiceError);
    expect(signatures).toBe(4);
  });

  it("adds a Go request id to every kind of headers and keeps the caller's own in any case", async () => {
    server.route('/ids', { status: 200, body: '' });
    const bceFetch = createBceFetch({ style: 'go' });
    const url = `${server.url}/ids`;
    const headerKinds: (HeadersInit | undefined)[] = [
      undefined,
      { accept: 'application/json' },
      new Headers({ accept: 'application/json' }),
      [['accept', 'application/json']],
    ];
    for (const headers of headerKinds) await bceFetch(url, headers === undefined ? undefined : { headers });
    await bceFetch(new Request(url, { headers: { accept: 'text/plain' } }));
    const plain = { 'X-Bce-Request-Id': 'mine-1' };
    await bceFetch(url, { headers: plain });
    await bceFetch(url, { headers: new Headers({ 'x-bce-request-id': 'mine-2' }) });
    await bceFetch(new Request(url, { headers: { 'X-BCE-REQUEST-ID': 'mine-3' } }));
    const sent = server.requests('/ids').map((request) => request.headers['x-bce-request-id']);
    expect(sent).toHaveLength(8);
    for (const id of sent.slice(0, 5))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(sent.slice(0, 5)).size).toBe(5);
    expect(sent.slice(5)).toEqual(['mine-1', 'mine-2', 'mine-3']);
    expect(
      server
        .requests('/ids')
        .slice(1, 4)
        .map((request) => request.headers.accept),
    ).toEqual(Array(3).fill('application/json'));
    // The caller's object is not modified.
    expect(plain).toEqual({ 'X-Bce-Request-Id': 'mine-1' });
  });

  it('fails fast on bad options with a message that says what to fix', () => {
    expect(() => createBceFetch({ style: 'rust' as never })).toThrow(/unknown style "rust"/);
    expect(() => createBceFetch({ timeoutMs: -1 })).toThrow(/timeoutMs must be a number of milliseconds >= 0/);
    expect(() => createBceFetch({ retry: { maxRetries: 1.5 } })).toThrow(/maxRetries must be a whole number/);
    expect(() => createBceFetch({ maxErrorBodyBytes: 0 })).toThrow(/maxErrorBodyBytes must be a positive whole number/);
  });
});
