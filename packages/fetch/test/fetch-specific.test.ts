import { isBceServiceError } from '@bce-errors/core';
import { startMockServer, type MockServer } from '@bce-errors/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBceFetch } from '../src/index.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const realFetch = globalThis.fetch;

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

  it('adds a Go request id to an init without headers, keeping its other fields and leaving it unmodified', async () => {
    server.route('/init-without-headers', { status: 200, body: 'ok' });
    const init: RequestInit = { method: 'put', body: 'payload', signal: new AbortController().signal };
    const response = await createBceFetch({ style: 'go' })(`${server.url}/init-without-headers`, init);
    expect(await response.text()).toBe('ok');
    const [sent] = server.requests('/init-without-headers');
    expect(sent?.method).toBe('PUT');
    expect(sent?.headers['x-bce-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(Object.keys(init)).toEqual(['method', 'body', 'signal']);
  });

  it('names a lower-case method upper-case on the error, as it was sent', async () => {
    server.route('/lower-case-method', { status: 404, body: '{"code":"NoSuchKey","message":"m"}' });
    const error = await createBceFetch({ style: 'java' })(`${server.url}/lower-case-method`, { method: 'delete' }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(isBceServiceError(error) && error.request?.method).toBe('DELETE');
    expect(server.requests('/lower-case-method')[0]?.method).toBe('DELETE');
  });

  it('fails fast on bad options with a message that says what to fix', () => {
    expect(() => createBceFetch({ style: 'rust' as never })).toThrow(/unknown style "rust"/);
    expect(() => createBceFetch({ timeoutMs: -1 })).toThrow(/timeoutMs must be a number of milliseconds >= 0/);
    expect(() => createBceFetch({ retry: { maxRetries: 1.5 } })).toThrow(/maxRetries must be a whole number/);
    expect(() => createBceFetch({ maxErrorBodyBytes: 0 })).toThrow(/maxErrorBodyBytes must be a positive whole number/);
  });
  it('calls the global fetch of each call, so a mock installed after set-up is the one used', async () => {
    server.route('/late', { status: 200, body: 'ok' });
    const bceFetch = createBceFetch();
    const calls: string[] = [];
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(input instanceof Request ? input.url : input.toString());
      return realFetch(input, init);
    });
    expect(await (await bceFetch(`${server.url}/late`)).text()).toBe('ok');
    expect(calls).toEqual([`${server.url}/late`]);
    expect(server.requests('/late')).toHaveLength(1);
  });

  it('rejects with a TypeError that says what to pass when there is no fetch at call time', async () => {
    expect(() => createBceFetch({ fetch: 'fetch' as never })).toThrow(/fetch must be a function/);
    const bceFetch = createBceFetch();
    vi.stubGlobal('fetch', undefined);
    const error: unknown = await bceFetch('http://127.0.0.1:9/').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toMatch(/pass one as createBceFetch\(\{ fetch \}\)/);
  });

  // undici 6 (Node 20 and 22) keeps a Request body's source where the wrapper can read it; undici 7 and 8 (Node 24
  // and 26) keep it in a private field, so there the body cannot be told from a stream and counts as one-shot.
  const undiciRecordsRequestBody = process.versions.undici?.startsWith('6.') === true;

  it('retries a Request with a text body where undici records it (Node 20, 22), sending the same bytes every time; one attempt where it does not (Node 24, 26)', async () => {
    server.route('/request-text', { status: 503, body: '{"code":"ServiceUnavailable","message":"m"}' });
    const sentBodies: string[] = [];
    // Installed after createBceFetch: late binding and the bytes of every attempt at once.
    const bceFetch = createBceFetch({ style: 'go', retry: { delayMs: () => 1 } });
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      if (input instanceof Request) sentBodies.push(await input.clone().text());
      return realFetch(input, init);
    });
    const request = new Request(`${server.url}/request-text`, { method: 'PUT', body: 'hello, bce' });
    const error: unknown = await bceFetch(request).catch((caught: unknown) => caught);
    if (!undiciRecordsRequestBody) {
      expect(isBceServiceError(error) && [error.statusCode, error.retries]).toEqual([503, 0]);
      expect(server.requests('/request-text').map((sent) => sent.bodyBytes)).toEqual([10]);
      return;
    }
    expect(isBceServiceError(error) && [error.statusCode, error.retries]).toEqual([503, 3]);
    expect(sentBodies).toEqual(Array(4).fill('hello, bce'));
    expect(server.requests('/request-text').map((sent) => sent.bodyBytes)).toEqual([10, 10, 10, 10]);
    // Every attempt sent a clone: the caller's Request is still unread.
    expect(request.bodyUsed).toBe(false);
  });

  it('does not retry a Request with a stream body', async () => {
    server.route('/request-stream', { status: 503, body: '{"code":"ServiceUnavailable","message":"m"}' });
    const bceFetch = createBceFetch({ style: 'go', retry: { delayMs: () => 1 } });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed'));
        controller.close();
      },
    });
    const request = new Request(`${server.url}/request-stream`, {
      method: 'PUT',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const error: unknown = await bceFetch(request).catch((caught: unknown) => caught);
    expect(isBceServiceError(error) && [error.statusCode, error.retries]).toEqual([503, 0]);
    expect(server.requests('/request-stream')).toHaveLength(1);
  });
});
