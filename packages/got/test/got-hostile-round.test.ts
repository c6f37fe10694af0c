// The got findings of the second hostile round (issue 12), through the real got against raw loopback servers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { isBceClientError, isBceError, isBceServiceError } from '@bce-errors/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bceErrors } from '../src/index.js';
import { loadRunnableGotVersions } from './newer-got.js';

const SECRET = 'bce-auth-v1/AKHOSTILE/2026-12-01T00:00:00Z/1800/host;x-bce-date/0123456789abcdef0123456789abcdef';
const COOKIE = 'session=COOKIEHOSTILE';
const CREDENTIALS = { authorization: SECRET, cookie: COOKIE };
// The style's retries, fast: go style retries a 503 three times, after 1 ms each.
const FAST_GO = { style: 'go', retry: { delayMs: () => 1 } } as const;

const versions = await loadRunnableGotVersions();

interface Seen {
  count: number;
  bodies: string[];
}
let server: http.Server;
let baseUrl: string;
const seen = new Map<string, Seen>();

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const path = request.url ?? '/';
    const entry = seen.get(path) ?? { count: 0, bodies: [] };
    seen.set(path, entry);
    entry.count += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      entry.bodies.push(Buffer.concat(chunks).toString('latin1'));
      // /hold/: headers never come (the caller aborts or times out); /stall/: a 503 whose body stops half way;
      // /503/: always 503; else 200.
      if (path.startsWith('/hold/')) return;
      if (path.startsWith('/stall/')) {
        response.writeHead(503, { 'content-type': 'application/json', 'x-bce-request-id': 'hostile-stall' });
        response.write('{"code":"ServiceUnavailable","mess');
        return;
      }
      if (path.startsWith('/503/')) {
        response.writeHead(503, { 'content-type': 'application/json', 'x-bce-request-id': 'hostile-503' });
        response.end('{"code":"ServiceUnavailable","message":"busy","requestId":"hostile-503"}');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let paths = 0;
function pathOf(kind: 'hold' | 'stall' | '503' | 'ok'): { url: string; seen: () => Seen } {
  const path = `/${kind}/${String((paths += 1))}`;
  return { url: `${baseUrl}${path}`, seen: () => seen.get(path) ?? { count: 0, bodies: [] } };
}

/** Every rendering the leak audit uses that can reach a hidden property or the cause chain. */
function expectNoCredential(error: unknown): void {
  const rendered = [
    inspect(error, { depth: Infinity, showHidden: true }),
    JSON.stringify(error),
    String(error),
    (error as Error).stack ?? '',
  ].join('\n');
  expect(rendered).not.toContain('AKHOSTILE');
  expect(rendered).not.toContain('0123456789abcdef');
  expect(rendered).not.toContain('COOKIEHOSTILE');
}

async function untilRequested(target: { seen: () => Seen }): Promise<void> {
  while (target.seen().count === 0) await new Promise((resolve) => setTimeout(resolve, 5));
}

function streamError(stream: NodeJS.ReadableStream & { errored?: unknown }): Promise<unknown> {
  return new Promise((resolve) => {
    stream.once('error', resolve);
    stream.on('data', () => undefined);
  });
}

function readField(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

class AppError extends Error {
  readonly detail = 'kept';
}

describe.each(versions)('%s: the hostile round', (label, gotModule) => {
  describe('streams: every error is a redacted BceError (1)', () => {
    it("an abort by the caller's signal", async () => {
      const target = pathOf('hold');
      const controller = new AbortController();
      const stream = gotModule
        .extend(bceErrors())
        .stream(target.url, { signal: controller.signal, headers: CREDENTIALS });
      const pending = streamError(stream);
      await untilRequested(target);
      controller.abort();
      const error = await pending;
      expect(isBceClientError(error) && error.transportCode).toBe('Aborted');
      expect((stream as { errored?: unknown }).errored).toBe(error);
      expectNoCredential(error);
    });

    it('a signal that times out (AbortSignal.timeout)', async () => {
      const target = pathOf('hold');
      const stream = gotModule
        .extend(bceErrors())
        .stream(target.url, { signal: AbortSignal.timeout(50), headers: CREDENTIALS });
      const error = await streamError(stream);
      expect(isBceClientError(error)).toBe(true);
      expect((error as Error).message).toMatch(/time/i);
      expectNoCredential(error);
    });

    it("got's own timeout", async () => {
      const target = pathOf('hold');
      const stream = gotModule
        .extend(bceErrors({ retry: false }))
        .stream(target.url, { timeout: { request: 50 }, headers: CREDENTIALS });
      const error = await streamError(stream);
      expect(isBceClientError(error) && error.transportCode).toBe('Timeout');
      expectNoCredential(error);
    });

    it("the 'retry' event's error, and the retried stream's", async () => {
      const target = pathOf('503');
      const stream = gotModule.extend(bceErrors(FAST_GO)).stream(target.url, { headers: CREDENTIALS });
      const retried: unknown[] = [];
      const final = await new Promise((resolve) => {
        const follow = (current: typeof stream): void => {
          current.on('data', () => undefined);
          current.once('error', resolve);
          current.once('retry', (_count: number, error: unknown, createRetryStream: () => typeof stream) => {
            retried.push(error);
            follow(createRetryStream());
          });
        };
        follow(stream);
      });
      expect(retried).toHaveLength(3);
      for (const error of retried) {
        expect(isBceServiceError(error) && error.statusCode).toBe(503);
        expectNoCredential(error);
      }
      expect(isBceServiceError(final) && [final.statusCode, final.retries]).toEqual([503, 3]);
      expectNoCredential(final);
      expect(target.seen().count).toBe(4);
    });
  });

  /** The spec's FormData as a polyfill implements it: what got's form-data-encoder checks for (`isFormData`). */
  class PolyfillFormData {
    readonly #entries: [string, string][];
    constructor(entries: [string, string][]) {
      this.#entries = entries;
    }
    readonly [Symbol.toStringTag] = 'FormData';
    append(name: string, value: string): void {
      this.#entries.push([name, value]);
    }
    getAll(name: string): string[] {
      return this.#entries.filter(([key]) => key === name).map(([, value]) => value);
    }
    entries(): IterableIterator<[string, string]> {
      return this.#entries.values();
    }
    [Symbol.iterator](): IterableIterator<[string, string]> {
      return this.#entries.values();
    }
  }

  describe('a body got cannot replay is sent once and its 503 reported (2)', () => {
    it.each([
      ['FormData', () => new FormData()],
      [
        'a generator',
        () =>
          (function* body() {
            yield 'one-shot';
          })(),
      ],
    ])('%s', async (_kind, makeBody) => {
      const target = pathOf('503');
      let body: unknown = makeBody();
      if (body instanceof FormData) body.append('field', 'value');
      const error: unknown = await gotModule
        .extend(bceErrors(FAST_GO))
        .post(target.url, { body: body as string })
        .then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
      body = undefined;
      expect(isBceServiceError(error) && [error.statusCode, error.code, error.retries]).toEqual([
        503,
        'ServiceUnavailable',
        0,
      ]);
      expect(target.seen().count).toBe(1);
    });
  });

  // A FormData of a polyfill (formdata-node) or another realm: got 14 encodes it once, as the global one
  // (form-data-encoder recognises it by its tag and methods); got 15 and later refuse it before sending anything.
  it('a FormData polyfill: sent once by got 14, refused before sending by got 15 and later (2)', async () => {
    const target = pathOf('503');
    const error: unknown = await gotModule
      .extend(bceErrors(FAST_GO))
      .post(target.url, { body: new PolyfillFormData([['field', 'value']]) as unknown as string })
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    const major = Number(/@(\d+)\./.exec(label)?.[1]);
    if (major >= 15) {
      expect(isBceClientError(error) && error.cause instanceof Error && error.cause.message).toMatch(
        /Non-native FormData is not supported/,
      );
      expect(target.seen().count).toBe(0);
    } else {
      expect(isBceServiceError(error) && [error.statusCode, error.code, error.retries]).toEqual([
        503,
        'ServiceUnavailable',
        0,
      ]);
      expect(target.seen().count).toBe(1);
    }
  });

  /** What a request with the credentials rejects with through a client with these hooks (undefined if it resolves). */
  function rejectionThroughHooks(url: string, hooks: object): Promise<unknown> {
    return gotModule
      .extend(bceErrors(FAST_GO), { hooks: hooks as never })
      .get(url, { headers: CREDENTIALS })
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
  }

  describe("a user's hook that throws (3)", () => {
    it.each([
      [
        'beforeRequest',
        'ok',
        {
          beforeRequest: [
            () => {
              throw new AppError('before request');
            },
          ],
        },
      ],
      [
        'afterResponse',
        'ok',
        {
          afterResponse: [
            () => {
              throw new AppError('after response');
            },
          ],
        },
      ],
    ] as const)(
      '%s: a BceClientError caused by the original error, class and fields kept',
      async (_hook, kind, hooks) => {
        const target = pathOf(kind);
        const error = await rejectionThroughHooks(target.url, hooks);
        expect(isBceClientError(error)).toBe(true);
        const cause = (error as Error).cause;
        expect(cause).toBeInstanceOf(AppError);
        expect((cause as AppError).detail).toBe('kept');
        expect(target.seen().count).toBeLessThanOrEqual(1);
        expectNoCredential(error);
      },
    );

    it('beforeRetry: the 503 that triggered the retry is the rejection, caused by the original error', async () => {
      const target = pathOf('503');
      const error: unknown = await gotModule
        .extend(bceErrors(FAST_GO), {
          hooks: {
            beforeRetry: [
              () => {
                throw new AppError('before retry');
              },
            ],
          },
        })
        .get(target.url, { headers: CREDENTIALS })
        .then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
      expect(isBceServiceError(error) && [error.statusCode, error.requestId, error.retries]).toEqual([
        503,
        'hostile-503',
        0,
      ]);
      expect((error as Error).cause).toBeInstanceOf(AppError);
      expect(target.seen().count).toBe(1);
      expectNoCredential(error);
    });
  });

  describe("a user's hook error that wraps got's error or carries its response: a redacted copy (3)", () => {
    /** The errors of the `cause` chain below the adapter's error. */
    function causeChain(error: unknown): unknown[] {
      const chain: unknown[] = [];
      for (let link = (error as Error).cause; link !== undefined && chain.length < 10;) {
        chain.push(link);
        link = (link as Error).cause;
      }
      return chain;
    }

    it.each([
      [
        'beforeRetry, got error as cause',
        {
          beforeRetry: [
            (error: unknown) => {
              throw new AppError('giving up', { cause: error });
            },
          ],
        },
      ],
      [
        'afterResponse, response as a field',
        {
          afterResponse: [
            (response: { statusCode: number }) => {
              if (response.statusCode === 503) throw Object.assign(new AppError('bad answer'), { response });
              return response;
            },
          ],
        },
      ],
    ] as const)('%s', async (_case, hooks) => {
      const error = await rejectionThroughHooks(pathOf('503').url, hooks);
      expect(isBceError(error)).toBe(true);
      const chain = causeChain(error);
      expect((chain[0] as Error).message).toMatch(/^(giving up|bad answer)$/);
      // No link holds got's options (with the headers as sent) or its response.
      for (const link of chain) {
        expect([readField(link, 'options'), readField(link, 'response')]).toEqual([undefined, undefined]);
      }
      expectNoCredential(error);
    });
  });

  it('an error body that stops arriving, without a timeout, ends the attempt with what arrived (5)', async () => {
    const target = pathOf('stall');
    const error: unknown = await gotModule
      .extend(bceErrors({ retry: false }))
      .get(target.url)
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(isBceServiceError(error) && [error.statusCode, error.code, error.requestId]).toEqual([
      503,
      'MalformedJSON',
      'hostile-stall',
    ]);
    expect(target.seen().count).toBe(1);
  }, 20_000);

  it('a promise abort is a BceClientError (got 15/16 reject with their own AbortError)', async () => {
    const target = pathOf('hold');
    const controller = new AbortController();
    const pending = gotModule.extend(bceErrors()).get(target.url, { signal: controller.signal, headers: CREDENTIALS });
    await untilRequested(target);
    controller.abort();
    const error: unknown = await pending.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(isBceError(error) && isBceClientError(error) && error.transportCode).toBe('Aborted');
    expectNoCredential(error);
  });
});
