import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeRequestBody, resolveAdapterOptions, shouldRetryAttempt } from '../../src/adapter.js';
import { BceServiceError } from '../../src/index.js';

async function* generated(): AsyncGenerator<string> {
  yield await Promise.resolve('a');
}

function* syncGenerated(): Generator<string> {
  yield 'a';
}

describe('describeRequestBody: what can be sent again byte for byte', () => {
  it.each([
    ['no body', undefined, false, true],
    ['null', null, false, true],
    ['an empty string', '', false, true],
    ['text', 'payload', true, true],
    ['bytes', new Uint8Array([1]), true, true],
    ['empty bytes', new Uint8Array(0), false, true],
    ['an ArrayBuffer', new ArrayBuffer(2), true, true],
    ['a Blob', new Blob(['x']), true, true],
    ['URLSearchParams', new URLSearchParams({ a: '1' }), true, true],
    ['empty URLSearchParams', new URLSearchParams(), false, true],
    ['WHATWG FormData', new FormData(), true, true],
    ['an object axios serialises', { a: 1 }, true, true],
    ['an array axios serialises', [1, 2], true, true],
    ['a web stream', new ReadableStream(), true, false],
    ['a Node Readable', Readable.from(['a']), true, false],
    ['an async generator', generated(), true, false],
    ['a generator', syncGenerated(), true, false],
  ])('%s', (_label, body, present, replayable) => {
    expect(describeRequestBody(body)).toEqual({ present, replayable });
  });

  it('a body it cannot read counts as present and not replayable', () => {
    const hostile = new Proxy(
      {},
      {
        has: () => {
          throw new Error('trap');
        },
        get: () => {
          throw new Error('trap');
        },
      },
    );
    expect(describeRequestBody(hostile)).toEqual({ present: true, replayable: false });
  });
});

describe('shouldRetryAttempt', () => {
  const unavailable = (style: 'go' | 'java' | 'python') =>
    new BceServiceError({ style, code: 'ServiceUnavailable', errorMessage: 'x', requestId: '', statusCode: 503 });
  const text = describeRequestBody('payload');
  const none = describeRequestBody(undefined);
  const stream = describeRequestBody(new ReadableStream());

  it('follows the policy for a request without a body or with a replayable one (go, python)', () => {
    const go = resolveAdapterOptions({ style: 'go' }, 'test');
    expect([
      shouldRetryAttempt(unavailable('go'), 0, none, go),
      shouldRetryAttempt(unavailable('go'), 0, text, go),
    ]).toEqual([true, true]);
    expect(shouldRetryAttempt(unavailable('go'), 3, none, go)).toBe(false);
  });

  it('never retries a one-shot body, in any style, whatever the option says', () => {
    for (const style of ['go', 'java', 'python'] as const) {
      const options = resolveAdapterOptions({ style, retryRequestsWithBody: true }, 'test');
      expect(shouldRetryAttempt(unavailable(style), 0, stream, options)).toBe(false);
    }
  });

  it('java: a request with a body is not retried unless retryRequestsWithBody', () => {
    const java = resolveAdapterOptions({ style: 'java' }, 'test');
    const optedIn = resolveAdapterOptions({ style: 'java', retryRequestsWithBody: true }, 'test');
    expect(shouldRetryAttempt(unavailable('java'), 0, text, java)).toBe(false);
    expect(shouldRetryAttempt(unavailable('java'), 0, none, java)).toBe(true);
    expect(shouldRetryAttempt(unavailable('java'), 0, text, optedIn)).toBe(true);
  });

  it('go and python can turn retries with a body off', () => {
    const options = resolveAdapterOptions({ style: 'python', retryRequestsWithBody: false }, 'test');
    expect(shouldRetryAttempt(unavailable('python'), 0, text, options)).toBe(false);
  });
});
