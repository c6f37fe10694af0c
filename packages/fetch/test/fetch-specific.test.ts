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

  it('fails fast on bad options with a message that says what to fix', () => {
    expect(() => createBceFetch({ style: 'rust' as never })).toThrow(/unknown style "rust"/);
    expect(() => createBceFetch({ timeoutMs: -1 })).toThrow(/timeoutMs must be a number of milliseconds >= 0/);
    expect(() => createBceFetch({ retry: { maxRetries: 1.5 } })).toThrow(/maxRetries must be a whole number/);
    expect(() => createBceFetch({ maxErrorBodyBytes: 0 })).toThrow(/maxErrorBodyBytes must be a positive whole number/);
  });
});
