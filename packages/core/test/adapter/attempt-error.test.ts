import { describe, expect, it } from 'vitest';
import {
  abortedWhileWaiting,
  attemptError,
  attemptTextsAfter,
  describeRequestBody,
  shouldRetryAttempt,
  resolveAdapterOptions,
  waitBeforeRetry,
  type AttemptFacts,
  type ErrorBody,
} from '../../src/adapter.js';
import { isBceClientError, isBceServiceError, type BceClientError, type BceServiceError } from '../../src/index.js';

const go = resolveAdapterOptions({ style: 'go' }, 'test');
const java = resolveAdapterOptions({ style: 'java' }, 'test');
const NOT_FOUND = '{"code":"NoSuchKey","message":"The key does not exist","requestId":"body-id"}';

function body(bytes: ErrorBody['bytes'], flags: Partial<ErrorBody> = {}): ErrorBody {
  return { bytes, truncated: false, incomplete: false, ...flags };
}

function serviceError(facts: AttemptFacts, options = go): BceServiceError {
  const error = attemptError(facts, options);
  if (!isBceServiceError(error)) throw new Error(`expected a service error, got ${error.name}`);
  return error;
}

function clientError(facts: AttemptFacts, options = go): BceClientError {
  const error = attemptError(facts, options);
  if (!isBceClientError(error)) throw new Error(`expected a client error, got ${error.name}`);
  return error;
}

describe('attemptError: a response is a service error', () => {
  it('with the fields of the body, the retries so far and the method upper-cased', () => {
    const error = serviceError({
      retries: 2,
      method: 'put',
      response: {
        status: 404,
        statusText: 'Not Found',
        headers: { 'x-bce-request-id': 'header-id' },
        body: body(NOT_FOUND),
      },
    });
    expect([error.code, error.requestId, error.statusCode, error.retries, error.method]).toEqual([
      'NoSuchKey',
      'body-id',
      404,
      2,
      'PUT',
    ]);
  });

  it('reads a body the client already parsed (axios data) like its bytes', () => {
    const parsed = serviceError({
      retries: 0,
      response: { status: 404, headers: {}, body: body(JSON.parse(NOT_FOUND) as Record<string, unknown>) },
    });
    const bytes = serviceError({
      retries: 0,
      response: { status: 404, headers: {}, body: body(new TextEncoder().encode(NOT_FOUND)) },
    });
    expect(parsed.toJSON()).toEqual(bytes.toJSON());
  });

  it('keeps the truncated flag of a body the adapter cut', () => {
    const error = serviceError({
      retries: 0,
      response: { status: 500, headers: {}, body: body('{"code":"X","message":"partial', { truncated: true }) },
    });
    expect([error.code, error.errorMessage, error.bodyTruncated]).toEqual(['X', 'partial', true]);
  });

  it('an error status whose body broke off is a service error with a malformed body (P7)', () => {
    const error = serviceError({
      retries: 0,
      response: { status: 503, headers: {}, body: body('{"code":"Slow', { incomplete: true }) },
    });
    expect(error.code).toBe('MalformedJSON');
  });

  it('a status the style counts as success is still a service error when the client rejected it (java 304)', () => {
    expect(
      serviceError({ retries: 0, response: { status: 304, headers: {}, body: body(null) } }, java).statusCode,
    ).toBe(304);
  });
});

describe('attemptError: a success status whose body broke off is a failed read', () => {
  it.each([
    ['go', 302],
    ['go', 200],
    ['java', 200],
  ] as const)('%s %i with an incomplete body: BodyReadFailure, not a service error', (style, status) => {
    const options = resolveAdapterOptions({ style }, 'test');
    const error = clientError(
      {
        retries: 1,
        thrown: new Error('aborted'),
        response: { status, headers: {}, body: body('{"a"', { incomplete: true }) },
      },
      options,
    );
    expect([error.transportCode, error.retries]).toEqual(['BodyReadFailure', 1]);
  });

  it('a go 302 whose body was only cut at the bound (complete up to it) is a service error', () => {
    expect(
      serviceError({ retries: 0, response: { status: 302, headers: {}, body: body('x', { truncated: true }) } })
        .statusCode,
    ).toBe(302);
  });
});

describe('attemptError: an error status whose body a TCP reset cut (contract P7, P5, X)', () => {
  // What each client throws when the connection is reset after the status line and headers of a 404 arrived.
  const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' });
  const thrownByClient: [string, unknown][] = [
    ['axios (AxiosError ECONNRESET)', Object.assign(new Error('aborted'), { name: 'AxiosError', code: 'ECONNRESET' })],
    ['got (ReadError)', Object.assign(new Error('aborted'), { name: 'ReadError', code: 'ECONNRESET' })],
    ['got (RequestError)', Object.assign(new Error('read ECONNRESET', { cause: reset }), { name: 'RequestError' })],
    ['fetch (undici terminated)', new TypeError('terminated', { cause: reset })],
    ['nothing thrown (the watcher saw the close)', undefined],
  ];
  const headers = { 'x-bce-request-id': 'header-rid', 'content-type': 'application/json' };
  const cut = (bytes: ErrorBody['bytes']): AttemptFacts['response'] => ({
    status: 404,
    statusText: 'Not Found',
    headers,
    body: body(bytes, { incomplete: true }),
  });

  it.each(thrownByClient)(
    '%s: the service error of the status, headers and bytes that arrived, not ConnectionReset',
    (_label, thrown) => {
      const error = serviceError({ retries: 0, method: 'POST', thrown, response: cut('{"code":"NoSuchKey","mess') });
      expect([error.statusCode, error.code, error.errorMessage, error.requestId]).toEqual([
        404,
        'MalformedJSON',
        'Service json error message decode failed',
        'header-rid',
      ]);
    },
  );

  it('the three clients agree field for field, and a 404 is not retried (one attempt, even for a POST in go)', () => {
    const errors = thrownByClient.map(([, thrown]) =>
      attemptError({ retries: 0, method: 'POST', thrown, response: cut('{"code":"NoSu') }, go),
    );
    const first = JSON.stringify(errors[0]);
    for (const error of errors) expect(JSON.stringify(error)).toBe(first);
    expect(shouldRetryAttempt(errors[0] as BceServiceError, 0, describeRequestBody('payload'), go)).toBe(false);
  });

  it('cut before the first byte: the empty-body code (P5); a whole JSON object before the cut: its fields', () => {
    for (const bytes of [null, '', new Uint8Array(0)]) {
      expect(serviceError({ retries: 0, thrown: reset, response: cut(bytes) }).code).toBe('NotFound');
    }
    const whole = serviceError({
      retries: 0,
      thrown: reset,
      response: cut('{"code":"NoSuchKey","message":"gone","requestId":"body-rid"}  '),
    });
    expect([whole.code, whole.errorMessage, whole.requestId]).toEqual(['NoSuchKey', 'gone', 'body-rid']);
  });

  it('a 503 cut the same way is the 503, retried by status (R), in every style', () => {
    for (const style of ['go', 'java', 'python'] as const) {
      const options = resolveAdapterOptions({ style }, 'test');
      const error = attemptError(
        { retries: 0, thrown: reset, response: { ...cut('{"co'), status: 503 } as AttemptFacts['response'] },
        options,
      );
      expect(isBceServiceError(error) && error.statusCode).toBe(503);
      expect(shouldRetryAttempt(error, 0, describeRequestBody(undefined), options)).toBe(true);
    }
  });

  it('without the response in the facts it can only be the transport failure (what an adapter must avoid)', () => {
    expect(clientError({ retries: 0, thrown: reset }).transportCode).toBe('ConnectionReset');
  });
});

describe('attemptError: without a response, the transport code in the contract order', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });

  it.each([
    ['the adapter deadline first', { timedOut: true, aborted: true }, 'Timeout'],
    ['then the caller abort', { aborted: true }, 'Aborted'],
    ['else the classified cause', {}, 'ConnectionRefused'],
  ] as const)('%s', (_label, flags, code) => {
    expect(clientError({ retries: 0, thrown: refused, ...flags }).transportCode).toBe(code);
  });

  it('adds this attempt to the earlier texts and keeps the sent request id', () => {
    const error = clientError({
      retries: 1,
      attemptTexts: ['first failure'],
      thrown: refused,
      sentRequestId: 'sent-1',
    });
    expect(error.attemptTexts).toEqual(['first failure', 'connect ECONNREFUSED 127.0.0.1:9']);
    expect(error.sentRequestId).toBe('sent-1');
  });

  it('never throws on a hostile thrown value', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
      },
    );
    expect(clientError({ retries: 0, thrown: hostile }).transportCode).toBe('Unknown');
  });
});

describe('attemptError: the request', () => {
  const PRESIGNED =
    'https://ak:sk@bucket.bj.bcebos.com/photo.jpg?authorization=bce-auth-v1%2Fak%2F2024%2F1800%2Fhost%2FSIG&x-bce-range=0-9';
  const REDACTED_URL = 'https://[REDACTED]@bucket.bj.bcebos.com/photo.jpg?authorization=[REDACTED]&x-bce-range=0-9';

  it('a service error and a client error carry the method and the redacted URL', () => {
    const service = serviceError({
      retries: 0,
      method: 'get',
      url: PRESIGNED,
      response: { status: 404, headers: {}, body: body(NOT_FOUND) },
    });
    const client = clientError({ retries: 0, method: 'put', url: new URL(PRESIGNED), thrown: new Error('reset') });
    expect(service.request).toEqual({ method: 'GET', url: REDACTED_URL });
    expect(client.request).toEqual({ method: 'PUT', url: REDACTED_URL });
    expect(JSON.stringify([service, client])).not.toMatch(/SIG|ak:sk/);
  });

  it('GET when no method is known; none without a URL, or with a URL that is not a string or URL', () => {
    expect(clientError({ retries: 0, url: '/relative?a=1', thrown: new Error('x') }).request).toEqual({
      method: 'GET',
      url: '/relative?a=1',
    });
    expect(clientError({ retries: 0, method: 'GET', thrown: new Error('x') }).request).toBeUndefined();
    const hostile = { toString: () => 'http://ak:sk@host/' } as unknown as URL;
    expect(clientError({ retries: 0, url: hostile, thrown: new Error('x') }).request).toBeUndefined();
  });

  it('abortedWhileWaiting keeps it too', () => {
    const error = abortedWhileWaiting(new Error('stop'), { retries: 1, method: 'post', url: PRESIGNED }, go);
    expect(error.request).toEqual({ method: 'POST', url: REDACTED_URL });
  });
});

describe('attemptError: a timeout and an abort say which they were', () => {
  const canceled = Object.assign(new Error('canceled'), { name: 'CanceledError', code: 'ERR_CANCELED' });

  it.each([
    [
      'a deadline that fired through a signal (axios: canceled)',
      { timedOut: true, thrown: canceled },
      'timed out: canceled',
    ],
    [
      'a timeout that says so',
      { timedOut: true, thrown: new Error('timeout of 1000ms exceeded') },
      'timeout of 1000ms exceeded',
    ],
    [
      "got's timeout",
      { timedOut: true, thrown: new Error("Timeout awaiting 'request' for 200ms") },
      "Timeout awaiting 'request' for 200ms",
    ],
    ['a caller abort without the word (a CancelToken)', { aborted: true, thrown: canceled }, 'aborted: canceled'],
    ["a caller's own reason", { aborted: true, thrown: 'user left' }, 'aborted: user left'],
    [
      'an abort that says so',
      { aborted: true, thrown: new Error('This operation was aborted') },
      'This operation was aborted',
    ],
  ] as const)('%s', (_label, facts, text) => {
    for (const options of [go, java, resolveAdapterOptions({ style: 'python' }, 'test')]) {
      const error = clientError({ retries: 0, ...facts }, options);
      expect(error.attemptTexts).toEqual([text]);
      if (options.style === 'go')
        expect(error.message).toBe(`execute http request failed! Retried 0 times, error: ${text}`);
      if (options.style === 'python') expect(error.message.split('\n')[1]).toBe(`>>>>${error.transportCode}: ${text}`);
    }
  });

  it('other failures keep their text', () => {
    expect(clientError({ retries: 0, thrown: new Error('socket hang up') }).attemptTexts).toEqual(['socket hang up']);
  });
});

describe('the wait before a retry', () => {
  it('abortedWhileWaiting: Aborted, caused by the reason, after the texts so far', () => {
    const error = abortedWhileWaiting(new Error('stop'), { retries: 2, attemptTexts: ['a'], sentRequestId: 'id' }, go);
    expect([error.transportCode, error.retries, error.sentRequestId, error.attemptTexts]).toEqual([
      'Aborted',
      2,
      'id',
      ['a', 'aborted: stop'],
    ]);
  });

  it('waitBeforeRetry rejects with that error as soon as the signal aborts, and resolves after the delay otherwise', async () => {
    const options = resolveAdapterOptions({ retry: { delayMs: () => 1 } }, 'test');
    const failed = clientError({ retries: 0, thrown: new Error('reset') });
    await expect(waitBeforeRetry(failed, { retries: 0 }, options, undefined)).resolves.toBeUndefined();
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    const rejection: unknown = await waitBeforeRetry(failed, { retries: 0 }, go, controller.signal).catch(
      (error: unknown) => error,
    );
    expect(isBceClientError(rejection) && [rejection.transportCode, rejection.attemptTexts]).toEqual([
      'Aborted',
      ['reset', 'aborted: caller gave up'],
    ]);
  });

  it('attemptTextsAfter: a client error carries its texts on, a service error leaves the earlier ones', () => {
    const service = serviceError({ retries: 0, response: { status: 503, headers: {}, body: body(null) } });
    const client = clientError({ retries: 0, attemptTexts: ['a'], thrown: new Error('b') });
    expect([attemptTextsAfter(service, ['a']), attemptTextsAfter(client, [])]).toEqual([['a'], ['a', 'b']]);
  });
});
