import { isBceClientError, isBceServiceError } from '@bce-errors/core';
import { startMockServer, type MockServer } from '@bce-errors/mock-server';
import got from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bceErrors } from '../src/index.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server.close();
});

describe('got specifics', () => {
  it('runs beforeRequest hooks (signing) again on every retry', async () => {
    server.route('/signed', { status: 503, body: '' });
    const signatures: string[] = [];
    const client = got.extend(bceErrors({ style: 'java', retry: { delayMs: () => 1 } }), {
      hooks: {
        beforeRequest: [
          (options) => {
            const signature = `bce-auth-v1/ak/${String(signatures.length)}`;
            signatures.push(signature);
            options.headers.authorization = signature;
          },
        ],
      },
    });
    await expect(client.get(`${server.url}/signed`)).rejects.toSatisfy(isBceServiceError);
    expect(signatures).toHaveLength(4);
    expect(server.requests('/signed').map((request) => request.headers.authorization)).toEqual(signatures);
  });

  it('keeps the promise shortcuts and converts their failures too', async () => {
    server.route('/json', { status: 200, body: '{"ok":true}' });
    server.route('/json-404', { status: 404, body: '{"code":"NoSuchKey","message":"m","requestId":"r"}' });
    const client = got.extend(bceErrors());
    expect(await client.get(`${server.url}/json`).json()).toEqual({ ok: true });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const signal = new AbortController().signal;
      await expect(client.get(`${server.url}/json-404`).json()).rejects.toSatisfy(isBceServiceError);
      await expect(client.get(`${server.url}/json-404`).text()).rejects.toSatisfy(isBceServiceError);
      // A request with a signal goes through the adapter's handler: the shortcuts wait for its promise.
      await expect(client.get(`${server.url}/json-404`, { signal }).json()).rejects.toSatisfy(isBceServiceError);
      await expect(client.get(`${server.url}/json-404`, { signal }).buffer()).rejects.toSatisfy(isBceServiceError);
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it("converts a .cancel() of got's promise and keeps then/catch/finally working", async () => {
    server.route('/slow', { status: 200, body: '{"ok":true}', delayMs: 2_000 });
    server.route('/gone', { status: 404, body: '{"code":"NoSuchKey","message":"m","requestId":"r"}' });
    server.route('/fine', { status: 200, body: '{"ok":true}' });
    const client = got.extend(bceErrors({ retry: false }));
    const pending = client.get(`${server.url}/slow`);
    setTimeout(() => {
      pending.cancel();
    }, 20);
    const cancelled: unknown = await pending.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(isBceClientError(cancelled) && cancelled.transportCode).toBe('Aborted');
    const caught: unknown = await client.get(`${server.url}/gone`).catch((thrown: unknown) => thrown);
    expect(isBceServiceError(caught)).toBe(true);
    let finallyRan = false;
    await expect(
      client.get(`${server.url}/gone`).finally(() => {
        finallyRan = true;
      }),
    ).rejects.toSatisfy(isBceServiceError);
    expect(finallyRan).toBe(true);
    expect((await client.get(`${server.url}/fine`).finally(() => undefined)).statusCode).toBe(200);
  });

  it('converts options got cannot build into a BceClientError', async () => {
    const client = got.extend(bceErrors({ retry: false }));
    const error: unknown = await client.get('not a url').then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(isBceClientError(error)).toBe(true);
  });

  it('converts a got.stream failure through the beforeError hook', async () => {
    const client = got.extend(bceErrors({ retry: false }));
    const stream = client.stream(`${server.url.replace(/:\d+$/, ':1')}/nothing`);
    const error = await new Promise((resolve) => stream.once('error', resolve));
    expect(isBceClientError(error) && error.transportCode).toBe('ConnectionRefused');
  });

  it('fails fast on bad options with a message that says what to fix', () => {
    expect(() => bceErrors({ style: 'rust' as never })).toThrow(/unknown style "rust"/);
    expect(() => bceErrors({ retry: 'sometimes' as never })).toThrow(/retry must be true, false or a partial policy/);
    expect(() => bceErrors({ honorRetryAfter: 'yes' as never })).toThrow(/honorRetryAfter must be true or false/);
  });
});
