import {
  fromJSON,
  isBceClientError,
  isBceError,
  isBceServiceError,
  parseServiceError,
  redactText,
  toBceError,
  type BceError,
} from '@bce-errors/core';
import { startMockServer, type MockServer } from '@bce-errors/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './support/drivers.js';
import { builtInUndiciMajor } from './support/fetch-dispatcher.js';
import { settleWithin } from './support/settle.js';

// The smallest counterexamples the property and random tests found (docs/reliability.md), kept as plain tests.

function toJson(error: BceError | undefined): unknown {
  if (isBceServiceError(error) || isBceClientError(error)) return error.toJSON();
  throw new Error('not a BceError');
}

function roundTrips(error: BceError | undefined): void {
  expect(toJson(fromJSON(JSON.parse(JSON.stringify(error))))).toStrictEqual(toJson(error));
}

const hostileProxy = (): object =>
  new Proxy(
    {},
    {
      get() {
        throw new Error('trap');
      },
      getPrototypeOf() {
        throw new Error('trap');
      },
    },
  );

describe('core regressions', () => {
  it('redaction is idempotent, so fromJSON does not grow `bce-auth-v1/[REDACTED]]`', () => {
    for (const text of [
      'bce-auth-v1/ak/2024/1800/host/SIG',
      'Cookie: session=abc',
      'x-bce-security-token: ',
      'cookie: "x"',
    ]) {
      const once = redactText(text);
      expect(redactText(once)).toBe(once);
    }
  });

  it('a body code `Cookie: session=abc` does not swallow the rest of the Go message', () => {
    const error = parseServiceError({ status: 400, headers: {}, body: '{"code":"Cookie: session=abc"}' });
    expect(error?.message).toBe('[Code: Cookie: [REDACTED]; Message: 400 Bad Request; RequestId: ]');
    roundTrips(error);
  });

  it('x-bce-debug-id is redacted like every other field', () => {
    const error = parseServiceError({
      status: 500,
      headers: { 'x-bce-debug-id': 'bce-auth-v1/ak/2024/1800/host/SECRETSIG' },
      body: '{}',
    });
    expect(JSON.stringify(error)).not.toContain('SECRETSIG');
    expect(error?.debugId).toBe('bce-auth-v1/[REDACTED]');
  });

  it('a signature glued to a word, or with a label glued to its end, is still redacted (property seed 1096696526)', () => {
    const signature = 'bce-auth-v1/ak/2024-01-01T00:00:00Z/1800/host/SIG';
    // The shrunk counterexample: the first signature swallowed the label after it, the second hid in `TOKENbce-...`.
    const error = parseServiceError(
      {
        status: 100,
        headers: new Headers([['x-bce-debug-id', `${signature}x-bce-security-token: TOKEN${signature}`]]),
        body: '{}',
      },
      { style: 'python' },
    );
    expect(error?.debugId).toBe('bce-auth-v1/[REDACTED]-bce-security-token: [REDACTED]');
    roundTrips(error);
    for (const text of [
      `mytoken${signature}`,
      `secret${signature} and more`,
      `${signature}_x-bce-security-token=TOKEN`,
    ]) {
      const redacted = redactText(text);
      expect(redacted).not.toMatch(/bce-auth-v1\/(?!\[REDACTED\])/);
      expect(redacted).not.toContain('SIG');
      expect(redacted).not.toContain('TOKEN');
      expect(redactText(redacted)).toBe(redacted);
    }
  });

  it('a Retry-After too long for a number is no delay (it used to be Infinity, and null after JSON)', () => {
    const error = parseServiceError({ status: 503, headers: { 'retry-after': '9'.repeat(400) }, body: null });
    expect(error?.retryAfterMs).toBeUndefined();
    roundTrips(error);
  });

  it('toBceError survives a revoked proxy in `errors`, a proxy as `message`, a proxy as `rawBody`', () => {
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const withErrors = Object.assign(new Error('x'), { errors: revoked });
    const withMessage = new Error('x');
    Object.defineProperty(withMessage, 'message', { value: hostileProxy() });
    const withRawBody = { response: { status: 404, rawBody: hostileProxy(), data: '{"code":"NoSuchKey"}' } };
    expect(isBceClientError(toBceError(withErrors))).toBe(true);
    expect(isBceClientError(toBceError(withMessage))).toBe(true);
    const fromRawBody = toBceError(withRawBody);
    expect(isBceServiceError(fromRawBody) && fromRawBody.code).toBe('NoSuchKey');
  });

  it("a cause's `name` is redacted", () => {
    const error = toBceError(Object.assign(new Error('x'), { name: 'bce-auth-v1/ak/2024/1800/host/SECRETSIG' }));
    expect(JSON.stringify(error)).not.toContain('SECRETSIG');
  });

  it('`code: "__proto__"` (or "constructor") is not read from Object.prototype as a transport code', () => {
    for (const code of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const error = toBceError(Object.assign(new Error('x'), { code }));
      expect(isBceClientError(error) && error.transportCode).toBe('Unknown');
      roundTrips(error);
    }
  });
});

describe('adapter regressions', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer();
    server.route('/gzip-cut-at-0', {
      status: 503,
      body: '{"code":"ServiceUnavailable"}',
      gzip: true,
      cutAfterBytes: 0,
    });
    server.route('/ok-cut', { status: 200, body: 'x'.repeat(100), cutAfterBytes: 10 });
    server.route('/not-modified', { status: 304, headers: { 'x-bce-request-id': 'r304' } });
    server.route('/misdirected-reset', { status: 421, body: 'x'.repeat(64), fault: 'reset-after-headers' });
  });
  afterAll(async () => {
    await server.close();
  });

  const sendOnce = async (adapter: 'axios' | 'got' | 'fetch', path: string, style: 'go' | 'java' | 'python' = 'go') => {
    const client = createClient(adapter, { options: { style, retry: false }, timeoutMs: 500 });
    const settled = await settleWithin(client.send({ url: `${server.url}${path}` }), 5_000);
    await client.close();
    return settled;
  };

  it('a gzip error body cut before its first byte is an empty body (P5, second edition), in axios, got and fetch', async () => {
    for (const adapter of ['axios', 'got', 'fetch'] as const) {
      const settled = await sendOnce(adapter, '/gzip-cut-at-0');
      const error = settled.kind === 'rejected' ? settled.error : undefined;
      expect(isBceServiceError(error) && [error.statusCode, error.code], adapter).toEqual([503, 'ServiceUnavailable']);
    }
  });

  it('axios and got: a 200 whose body breaks off is a BodyReadFailure client error, not a service error', async () => {
    for (const adapter of ['axios', 'got'] as const) {
      const settled = await sendOnce(adapter, '/ok-cut');
      const error = settled.kind === 'rejected' ? settled.error : undefined;
      expect(isBceClientError(error) && error.transportCode, adapter).toBe('BodyReadFailure');
    }
  });

  it('got: a 304 is a service error in Java and Python style (P1), a success in Go style', async () => {
    for (const style of ['java', 'python'] as const) {
      const settled = await sendOnce('got', '/not-modified', style);
      const error = settled.kind === 'rejected' ? settled.error : undefined;
      expect(isBceServiceError(error) && [error.statusCode, error.code, error.requestId], style).toEqual([
        304,
        'NotModified',
        'r304',
      ]);
    }
    expect((await sendOnce('got', '/not-modified', 'go')).kind).toBe('fulfilled');
  });

  it('fetch: a 421 whose body is reset (undici 6 and 7 re-send it and then ignore the abort) ends at the timeout', async () => {
    const settled = await sendOnce('fetch', '/misdirected-reset');
    expect(settled.kind).toBe('rejected');
    const error = settled.kind === 'rejected' ? settled.error : undefined;
    if (builtInUndiciMajor() >= 8) {
      // Node 26's fetch (undici 8) re-sends the 421 once and then hands the second one over instead of hanging:
      // the error is read from the bytes that arrived (P3).
      expect(isBceServiceError(error) && [error.statusCode, error.code]).toEqual([421, 'MalformedJSON']);
    } else {
      expect(isBceError(error) && isBceClientError(error) && error.transportCode).toBe('Timeout');
    }
    expect(settled.elapsedMs).toBeLessThan(2_000);
  });
});
