import { describe, expect, it } from 'vitest';
import {
  BceClientError,
  BceError,
  BceServiceError,
  DEFAULT_MAX_RETRIES,
  isRetryableError,
  MAX_RETRY_DELAY_MS,
  retryPolicy,
  SDK_STYLES,
  type SdkStyle,
  TRANSPORT_CODES,
  type TransportCode,
} from '../../src/index.js';
import { createRequestId, nextRetryDelay, resolveAdapterOptions } from '../../src/adapter.js';

function service(style: SdkStyle, statusCode: number, code = 'SomeCode', retryAfterMs?: number): BceServiceError {
  return new BceServiceError({ style, code, errorMessage: 'm', requestId: 'r', statusCode, retryAfterMs });
}

function client(style: SdkStyle, transportCode: TransportCode): BceClientError {
  return new BceClientError({ style, transportCode, cause: new Error(transportCode) });
}

describe('R: budget and delays', () => {
  it('every style: 3 retries, 4 attempts, capped at 20 000 ms', () => {
    expect(DEFAULT_MAX_RETRIES).toBe(3);
    expect(MAX_RETRY_DELAY_MS).toBe(20_000);
    for (const style of SDK_STYLES) expect(retryPolicy(style).maxRetries).toBe(3);
  });

  it.each([
    ['go', [300, 600, 1200]],
    ['java', [600, 1200, 2400]],
    ['python', [300, 600, 1200]],
  ] as const)('%s delays before retries 0, 1, 2', (style, delays) => {
    const policy = retryPolicy(style);
    expect([0, 1, 2].map((n) => policy.delayMs(n))).toEqual(delays);
  });

  it.each([
    ['go', 6, 19_200],
    ['go', 7, 20_000],
    ['java', 5, 19_200],
    ['java', 6, 20_000],
    ['python', 10, 20_000],
    ['go', 50, 20_000],
    ['java', 5000, 20_000],
  ] as const)('%s delay at n = %i is %i (the cap)', (style, n, delay) => {
    expect(retryPolicy(style).delayMs(n)).toBe(delay);
  });

  it('a negative retry count gets the first delay, not less', () => {
    expect(retryPolicy('go').delayMs(-3)).toBe(300);
  });

  it.each(SDK_STYLES)('%s: retried until the budget is spent', (style) => {
    const policy = retryPolicy(style);
    const error = service(style, 503);
    expect([0, 1, 2, 3, 4].map((n) => policy.shouldRetry(error, n))).toEqual([true, true, true, false, false]);
  });
});

describe('R: retried service errors', () => {
  const statuses = [400, 401, 403, 404, 408, 409, 412, 429, 500, 501, 502, 503, 504];
  const retried: Record<SdkStyle, number[]> = { go: [500, 502, 503], java: [500, 502, 503], python: [500, 503] };
  for (const style of SDK_STYLES) {
    it.each(statuses)(`${style}: status %i with an ordinary code`, (status) => {
      const expected = retried[style].includes(status);
      expect(isRetryableError(style, service(style, status))).toBe(expected);
      expect(retryPolicy(style).shouldRetry(service(style, status), 0)).toBe(expected);
    });
  }

  it('go retries Http400 at status 400 only', () => {
    expect(isRetryableError('go', service('go', 400, 'Http400'))).toBe(true);
    expect(isRetryableError('go', service('go', 404, 'Http400'))).toBe(false);
    expect(isRetryableError('go', service('go', 400, 'InvalidHTTPRequest'))).toBe(false);
    expect(isRetryableError('java', service('java', 400, 'Http400'))).toBe(false);
    expect(isRetryableError('python', service('python', 400, 'Http400'))).toBe(false);
  });

  it.each([
    [400, false],
    [401, true],
    [403, true],
    [404, true],
    [408, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
  ])(
    'go: RequestExpired at %i retried: %s (only outside {400, 500, 502, 503}, which retry by status)',
    (status, expected) => {
      expect(isRetryableError('go', service('go', status, 'RequestExpired'))).toBe(expected);
    },
  );

  it.each([400, 401, 403, 404, 504])('java: RequestExpired at any status (%i)', (status) => {
    expect(isRetryableError('java', service('java', status, 'RequestExpired'))).toBe(true);
  });

  it.each([400, 403, 502, 504])('python: RequestExpired is not retried (%i)', (status) => {
    expect(isRetryableError('python', service('python', status, 'RequestExpired'))).toBe(false);
  });

  it('a body statusCode never matters: only the error statusCode does', () => {
    expect(isRetryableError('go', service('go', 404, 'InternalError'))).toBe(false);
  });
});

describe('R: retried client errors', () => {
  const connection: TransportCode[] = [
    'ConnectionRefused',
    'ConnectionReset',
    'DnsFailure',
    'TlsFailure',
    'ConnectTimeout',
    'NetworkError',
  ];
  // The contract's rows; Unknown (an error no client documents) is retried by none: only known transport failures are.
  const expected: Record<SdkStyle, TransportCode[]> = {
    go: connection,
    java: [...connection, 'Timeout', 'BodyReadFailure'],
    python: [...connection, 'Timeout', 'BodyReadFailure'],
  };
  for (const style of SDK_STYLES) {
    it.each(TRANSPORT_CODES)(`${style}: %s`, (code) => {
      expect(isRetryableError(style, client(style, code))).toBe(expected[style].includes(code));
    });
  }

  it('go never retries the caller timeout or abort; no style retries an abort', () => {
    expect(isRetryableError('go', client('go', 'Timeout'))).toBe(false);
    expect(isRetryableError('go', client('go', 'ConnectTimeout'))).toBe(true);
    for (const style of SDK_STYLES) expect(isRetryableError(style, client(style, 'Aborted'))).toBe(false);
  });

  it('a base BceError or a foreign value is never retried', () => {
    const policy = retryPolicy('java');
    expect(policy.shouldRetry(new BceError('x', { style: 'java' }), 0)).toBe(false);
    const foreign: unknown = new Error('x');
    expect(policy.shouldRetry(foreign as BceError, 0)).toBe(false);
  });
});

describe('R: overrides', () => {
  it('maxRetries alone keeps the style delays and decisions', () => {
    const policy = retryPolicy('java', { maxRetries: 5 });
    expect(policy.maxRetries).toBe(5);
    expect(policy.delayMs(0)).toBe(600);
    expect(policy.shouldRetry(service('java', 503), 4)).toBe(true);
    expect(policy.shouldRetry(service('java', 503), 5)).toBe(false);
    expect(policy.shouldRetry(service('java', 404), 0)).toBe(false);
  });

  it('maxRetries 0 turns retries off', () => {
    const policy = retryPolicy('go', { maxRetries: 0 });
    expect(policy.shouldRetry(service('go', 503), 0)).toBe(false);
  });

  it('delayMs alone keeps the budget and decisions', () => {
    const policy = retryPolicy('go', { delayMs: (n) => n * 10 });
    expect([policy.maxRetries, policy.delayMs(2)]).toEqual([3, 20]);
    expect(policy.shouldRetry(client('go', 'ConnectionReset'), 0)).toBe(true);
    expect(policy.shouldRetry(client('go', 'Timeout'), 0)).toBe(false);
  });

  it('shouldRetry alone keeps the delays, and the budget still applies', () => {
    const seen: [string, number][] = [];
    const policy = retryPolicy('python', {
      shouldRetry: (error, n) => {
        seen.push([error.name, n]);
        return true;
      },
    });
    expect(policy.delayMs(1)).toBe(600);
    expect(policy.shouldRetry(service('python', 404), 1)).toBe(true);
    expect(policy.shouldRetry(service('python', 404), 3)).toBe(false);
    expect(seen).toEqual([['BceServiceError', 1]]);
  });

  it.each([
    [{ maxRetries: -1 }, /maxRetries must be a whole number >= 0 \(got -1\)/],
    [{ maxRetries: 1.5 }, /maxRetries must be a whole number >= 0 \(got 1.5\)/],
    [{ maxRetries: Number.NaN }, /maxRetries must be a whole number/],
    [{ maxRetries: '3' }, /maxRetries must be a whole number >= 0 \(got "3"\)/],
    [{ delayMs: 100 }, /delayMs must be a function/],
    [{ shouldRetry: true }, /shouldRetry must be a function/],
    [null, /overrides must be a plain object such as \{ maxRetries: 1 \} \(got null\)/],
    [5, /overrides must be a plain object/],
  ])('invalid override %j throws a TypeError', (overrides, message) => {
    expect(() => retryPolicy('go', overrides as never)).toThrow(TypeError);
    expect(() => retryPolicy('go', overrides as never)).toThrow(message);
  });

  it('an unknown style throws a TypeError', () => {
    expect(() => retryPolicy('node' as SdkStyle)).toThrow(TypeError);
  });
});

describe('R: adapter options (retry: false, Retry-After, request ids)', () => {
  it('retry: false is a budget of 0; retry: true the style default; a partial object overrides parts', () => {
    expect(resolveAdapterOptions({ retry: false }, 'test').policy.maxRetries).toBe(0);
    expect(resolveAdapterOptions({ retry: true, style: 'java' }, 'test').policy.delayMs(0)).toBe(600);
    const partial = resolveAdapterOptions({ style: 'java', retry: { maxRetries: 1 } }, 'test').policy;
    expect([partial.maxRetries, partial.delayMs(1)]).toEqual([1, 1200]);
  });

  it('Retry-After is ignored unless honorRetryAfter, and then capped at 20 000 ms', () => {
    const ignoring = resolveAdapterOptions({}, 'test');
    const honouring = resolveAdapterOptions({ honorRetryAfter: true }, 'test');
    expect(nextRetryDelay(ignoring, service('go', 503, 'X', 5000), 0)).toBe(300);
    expect(nextRetryDelay(honouring, service('go', 503, 'X', 5000), 0)).toBe(5000);
    expect(nextRetryDelay(honouring, service('go', 503, 'X', 100), 1)).toBe(600);
    expect(nextRetryDelay(honouring, service('go', 503, 'X', 3_600_000), 0)).toBe(20_000);
    expect(nextRetryDelay(honouring, service('go', 503), 2)).toBe(1200);
  });

  it('go sends a fresh UUIDv4 request id by default; java and python do not', () => {
    expect(resolveAdapterOptions({}, 'test').requestId).toBe(true);
    expect(resolveAdapterOptions({ style: 'java' }, 'test').requestId).toBe(false);
    expect(resolveAdapterOptions({ style: 'python' }, 'test').requestId).toBe(false);
    expect(resolveAdapterOptions({ style: 'go', requestId: false }, 'test').requestId).toBe(false);
    const ids = new Set([createRequestId(), createRequestId(), createRequestId()]);
    expect(ids.size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
