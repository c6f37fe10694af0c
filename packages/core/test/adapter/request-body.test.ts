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

describe('describeRequestBody: every body kind of axios, got and fetch', () => {
  const formData = new FormData();
  formData.append('field', 'value');
  formData.append('file', new Blob(['bytes']), 'file.txt');
  const oneShot = { present: true, replayable: false };
  const replayable = { present: true, replayable: true };

  it.each([
    ['a Buffer', Buffer.from('payload'), replayable],
    ['a DataView', new DataView(new ArrayBuffer(4)), replayable],
    ['an Int16Array', new Int16Array([1, 2]), replayable],
    ['a File', new File(['x'], 'x.txt'), replayable],
    ['a Set (got iterates it again for each attempt)', new Set(['a', 'b']), replayable],
    ['a FormData with a Blob part (axios and fetch re-encode it)', formData, replayable],
  ])('%s is replayable', (_label, body, expected) => {
    expect(describeRequestBody(body)).toEqual(expected);
  });

  it.each<[string, () => unknown]>([
    ['axios: a Node Readable as data', () => Readable.from([Buffer.from('a')])],
    ['got: a generator body', () => syncGenerated()],
    ['got: an async generator body', () => generated()],
    ['got: an async iterable that is not a generator', () => ({ [Symbol.asyncIterator]: () => generated() })],
    ['an iterator (an array iterator, consumed once)', () => ['a'].values()],
    [
      'a hand-made iterator that returns itself',
      () => ({
        next: () => ({ done: true, value: undefined }),
        [Symbol.iterator]() {
          return this;
        },
      }),
    ],
    [
      'fetch duplex half: a web ReadableStream',
      () =>
        new ReadableStream({
          pull: (controller) => {
            controller.close();
          },
        }),
    ],
    ['fetch duplex half: an async generator', () => generated()],
    ['a web stream of a Response', () => new Response('x').body],
    [
      'a ReadableStream of another realm or a polyfill (only getReader)',
      () => ({ getReader: () => undefined, locked: false }),
    ],
    [
      'the form-data package (a Node stream)',
      () => Object.assign(Readable.from(['--boundary']), { getBoundary: () => 'b' }),
    ],
    [
      'the form-data package, which also carries the FormData tag (form-data >= 4.0.2)',
      () =>
        Object.defineProperty(
          Object.assign(Readable.from(['--boundary']), { getBoundary: () => 'b' }),
          Symbol.toStringTag,
          {
            value: 'FormData',
          },
        ),
    ],
    [
      'a body whose pipe getter throws',
      () =>
        Object.defineProperty({}, 'pipe', {
          get: () => {
            throw new Error('trap');
          },
        }),
    ],
  ])('%s gets one attempt', (_label, make) => {
    expect(describeRequestBody(make())).toEqual(oneShot);
  });

  it('got: a FormData is one-shot, as got cannot encode it again for a retry (reencodesFormData: false)', () => {
    expect(describeRequestBody(formData, { reencodesFormData: false })).toEqual(oneShot);
    expect(describeRequestBody(new FormData(), { reencodesFormData: false })).toEqual(oneShot);
    // A FormData-like object of a polyfill is recognised by its tag.
    const polyfilled = { append: () => undefined, getAll: () => [], [Symbol.toStringTag]: 'FormData' };
    expect(describeRequestBody(polyfilled, { reencodesFormData: false })).toEqual(oneShot);
    // Other bodies do not change with the option.
    expect(describeRequestBody('text', { reencodesFormData: false })).toEqual(replayable);
    expect(describeRequestBody(new URLSearchParams({ a: '1' }), { reencodesFormData: false })).toEqual(replayable);
  });

  it('a one-shot body is never retried, and its failure is reported as it is (the 503, not Unknown)', () => {
    const options = resolveAdapterOptions({ style: 'go' }, 'test');
    const unavailable = new BceServiceError({
      style: 'go',
      code: 'ServiceUnavailable',
      errorMessage: 'x',
      requestId: '',
      statusCode: 503,
    });
    for (const body of [generated(), Readable.from(['a']), new ReadableStream()]) {
      expect(shouldRetryAttempt(unavailable, 0, describeRequestBody(body), options)).toBe(false);
    }
    expect(
      shouldRetryAttempt(unavailable, 0, describeRequestBody(formData, { reencodesFormData: false }), options),
    ).toBe(false);
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
