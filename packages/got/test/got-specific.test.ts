import { inspect } from 'node:util';
import { isBceClientError, isBceServiceError, type BceServiceError } from '@bce-errors/core';
import { startMockServer, type MockServer } from '@bce-errors/mock-server';
import got, { type Got } from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bceErrors } from '../src/index.js';
import { loadRunnableGotVersions } from './newer-got.js';

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

  it('a got.stream of an error response ends in a BceServiceError, read with setEncoding (no crash)', async () => {
    server.route('/stream-404', {
      status: 404,
      headers: { 'content-type': 'application/json', 'x-bce-request-id': 'stream-404' },
      body: '{"code":"NoSuchKey","message":"gone","requestId":"stream-404"}',
    });
    const stream = got.extend(bceErrors({ retry: false })).stream(`${server.url}/stream-404`);
    stream.setEncoding('utf8');
    const error = await new Promise((resolve) => {
      stream.once('error', resolve);
      stream.on('data', () => undefined);
    });
    expect(isBceServiceError(error) && [error.code, error.requestId]).toEqual(['NoSuchKey', 'stream-404']);
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

  it("names the closest option for a typo, and says that got's retry options go to got", () => {
    expect(() => bceErrors({ retry: { limit: 0 } } as never)).toThrow(TypeError);
    expect(() => bceErrors({ retry: { limit: 0 } } as never)).toThrow(
      /^bceErrors: 'retry\.limit' is got's option, not one of this adapter's; use retry: \{ maxRetries: 0 \} or retry: false; got's own retry\.limit belongs in got\.extend\(\)/,
    );
    expect(() => bceErrors({ retry: { maxRetry: 1 } } as never)).toThrow(
      /^bceErrors: unknown option 'retry\.maxRetry' \(did you mean 'retry\.maxRetries'\?\); the retry options are maxRetries, delayMs, shouldRetry\.$/,
    );
    expect(() => bceErrors({ retry: { statusCodes: [503] } } as never)).toThrow(/'retry\.statusCodes' is got's option/);
    expect(() => bceErrors({ maxErrorBodyByte: 10 } as never)).toThrow(
      /^bceErrors: unknown option 'maxErrorBodyByte' \(did you mean 'maxErrorBodyBytes'\?\); the options are style, /,
    );
  });
});

const NO_SUCH_KEY = '{"code":"NoSuchKey","message":"The specified key does not exist.","requestId":"r-404"}';
// The style's retries, fast: 3 retries (4 attempts) after 1 ms each.
const FAST = { style: 'java', retry: { delayMs: () => 1 } } as const;
let paths = 0;

const gotVersions = await loadRunnableGotVersions();

describe.each(gotVersions)("%s: the user's own got settings", (_label, gotModule) => {
  /** A fresh path answering `status` every time, so its request count is this test's alone. */
  function routeOf(status: number, body = ''): { url: string; attempts: () => number } {
    const path = `/own-${String((paths += 1))}-${String(status)}`;
    server.route(path, { status, body });
    return { url: `${server.url}${path}`, attempts: () => server.requests(path).length };
  }
  async function rejection(pending: PromiseLike<unknown>): Promise<unknown> {
    return pending.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
  }

  describe("retry: got's limit caps the style's retries; the style decides which failures", () => {
    it('without a got limit, the style retries a 503 three times (4 attempts)', async () => {
      const route = routeOf(503);
      const error = await rejection(gotModule.extend(bceErrors(FAST))(route.url));
      expect(isBceServiceError(error) && error.retries).toBe(3);
      expect(route.attempts()).toBe(4);
    });

    it.each([
      ['a later extend', (client: Got) => client.extend({ retry: { limit: 0 } })],
      ['an earlier extend', () => gotModule.extend({ retry: { limit: 0 } }, bceErrors(FAST))],
      ['an earlier instance', () => gotModule.extend({ retry: { limit: 0 } }).extend(bceErrors(FAST))],
      [
        'an extend of an instance made with it',
        () =>
          gotModule.extend(gotModule.extend({ retry: { limit: 0 } }, bceErrors(FAST)), { timeout: { request: 5_000 } }),
      ],
    ])('limit: 0 from %s: 1 attempt', async (_where, make) => {
      const route = routeOf(503);
      const client = make(gotModule.extend(bceErrors(FAST)));
      const error = await rejection(client(route.url));
      expect(isBceServiceError(error) && error.retries).toBe(0);
      expect(route.attempts()).toBe(1);
    });

    it('a per-request limit: 1 gives 2 attempts, over an extend limit of 0 too', async () => {
      const route = routeOf(503);
      const client = gotModule.extend({ retry: { limit: 0 } }, bceErrors(FAST));
      const error = await rejection(client(route.url, { retry: { limit: 1 } }));
      expect(isBceServiceError(error) && error.retries).toBe(1);
      expect(route.attempts()).toBe(2);
    });

    it("a limit above the style's maxRetries does not add retries: limit 5 still gives 4 attempts", async () => {
      const route = routeOf(503);
      await rejection(gotModule.extend(bceErrors(FAST), { retry: { limit: 5 } })(route.url));
      expect(route.attempts()).toBe(4);
    });

    it('a 404 is never retried, even with limit 5 and got statusCodes that list it', async () => {
      const route = routeOf(404, NO_SUCH_KEY);
      const client = gotModule.extend(bceErrors(FAST), { retry: { limit: 5, statusCodes: [404] } });
      const error = await rejection(client(route.url));
      expect(isBceServiceError(error) && error.code).toBe('NoSuchKey');
      expect(route.attempts()).toBe(1);
    });

    it("got's methods list narrows the retries, from before or after: a POST outside it gets 1 attempt", async () => {
      const before = gotModule.extend({ retry: { methods: ['get'] } }, bceErrors(FAST));
      const after = gotModule.extend(bceErrors(FAST)).extend({ retry: { methods: ['GET'] } });
      for (const client of [before, after]) {
        const post = routeOf(503);
        await rejection(client.post(post.url, { body: 'x' }));
        expect(post.attempts()).toBe(1);
        const get = routeOf(503);
        await rejection(client.get(get.url));
        expect(get.attempts()).toBe(4);
      }
    });
  });

  describe('beforeError hooks of the user', () => {
    const secret = 'bce-auth-v1/AKSECRET/2024-01-01T00:00:00Z/1800//signature';

    it.each([
      [
        'after ours',
        (hook: (error: Error) => Error) => gotModule.extend(bceErrors(FAST), { hooks: { beforeError: [hook] } }),
      ],
      [
        'before ours',
        (hook: (error: Error) => Error) => gotModule.extend({ hooks: { beforeError: [hook] } }, bceErrors(FAST)),
      ],
      [
        'in an instance before ours',
        (hook: (error: Error) => Error) => gotModule.extend({ hooks: { beforeError: [hook] } }).extend(bceErrors(FAST)),
      ],
    ])('installed %s, see the BceServiceError with .response', async (_where, make) => {
      const route = routeOf(404, NO_SUCH_KEY);
      const seen: unknown[] = [];
      const client = make((error) => {
        seen.push(error);
        return error;
      });
      const error = await rejection(client(route.url, { headers: { authorization: secret } }));
      expect(seen).toHaveLength(1);
      expect(seen[0]).toBe(error);
      expect(isBceServiceError(error) && error.code).toBe('NoSuchKey');
      const response = (error as BceServiceError & { response?: { statusCode: number; body: string } }).response;
      expect(response?.statusCode).toBe(404);
      expect(response?.body).toBe(NO_SUCH_KEY);
      // Not enumerable: the request options on got's response (the Authorization header as sent) stay out of the
      // error's JSON, inspection and spread.
      expect(Object.keys(error as object)).not.toContain('response');
      expect(JSON.stringify(error)).not.toContain('AKSECRET');
      expect(inspect(error, { depth: 10 })).not.toContain('AKSECRET');
      // A redacted snapshot, not got's response: even a full inspection of hidden properties finds no credential.
      expect(inspect(error, { depth: Infinity, showHidden: true })).not.toContain('AKSECRET');
    });

    it('a per-request hook sees the BceError too', async () => {
      const route = routeOf(404, NO_SUCH_KEY);
      const seen: unknown[] = [];
      const client = gotModule.extend(bceErrors(FAST));
      const error = await rejection(
        client(route.url, {
          hooks: {
            beforeError: [
              (hookError) => {
                seen.push(hookError);
                return hookError;
              },
            ],
          },
        }),
      );
      expect(isBceServiceError(seen[0])).toBe(true);
      expect(seen[0]).toBe(error);
    });

    it("a hook's own error is the rejection, with the BceError as its cause (promise, .json() and stream)", async () => {
      class AppError extends Error {}
      const route = routeOf(404, NO_SUCH_KEY);
      const client = gotModule.extend(
        { hooks: { beforeError: [(error) => new AppError(`app: ${error.message}`)] } },
        bceErrors(FAST),
      );
      for (const pending of [client(route.url), client(route.url).json()]) {
        const error = await rejection(pending);
        expect(error).toBeInstanceOf(AppError);
        const cause = (error as Error).cause;
        expect(isBceServiceError(cause) && cause.code).toBe('NoSuchKey');
        expect((error as Error).message).toBe(`app: ${(cause as Error).message}`);
      }
      // A stream's failure goes through the same hooks (a refused connection: an error body read by a stream is
      // another matter).
      const stream = client.stream(`${server.url.replace(/:\d+$/, ':1')}/nothing`);
      const streamed = await new Promise((resolve) => stream.once('error', resolve));
      expect(streamed).toBeInstanceOf(AppError);
      const streamedCause = (streamed as Error).cause;
      expect(isBceClientError(streamedCause) && streamedCause.transportCode).toBe('ConnectionRefused');
    });

    it("a hook's error that has its own cause keeps it; a connection failure reaches hooks as a BceClientError", async () => {
      const own = new Error('own cause');
      const seen: unknown[] = [];
      const client = gotModule.extend(bceErrors({ retry: false }), {
        hooks: {
          beforeError: [
            (error) => {
              seen.push(error);
              return new Error('wrapped', { cause: own });
            },
          ],
        },
      });
      const error = await rejection(client(`${server.url.replace(/:\d+$/, ':1')}/nothing`));
      expect(isBceClientError(seen[0]) && seen[0].transportCode).toBe('ConnectionRefused');
      expect((error as Error).message).toBe('wrapped');
      expect((error as Error).cause).toBe(own);
    });
  });
});
