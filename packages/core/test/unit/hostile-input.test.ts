import { afterEach, describe, expect, it } from 'vitest';
import {
  BceClientError,
  type BceError,
  BceServiceError,
  catalogEntryForError,
  fromJSON,
  isBceServiceError,
  listErrors,
  lookupError,
  parseServiceError,
  type ParseServiceErrorOptions,
  retryPolicy,
  SDK_STYLES,
  type ServiceErrorResponse,
  suggestErrorCodes,
  toBceError,
} from '../../src/index.js';
import { resolveAdapterOptions } from '../../src/adapter.js';
import { seededRandom } from '../support/seeded-random.js';

function randomBytes(random: () => number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index += 1) bytes[index] = Math.floor(random() * 256);
  return bytes;
}

function expectWellFormed(error: BceServiceError, status: number): void {
  expect(isBceServiceError(error)).toBe(true);
  expect(error.statusCode).toBe(status);
  expect(typeof error.code).toBe('string');
  expect(typeof error.errorMessage).toBe('string');
  expect(typeof error.requestId).toBe('string');
  expect(typeof error.message).toBe('string');
  expect(() => JSON.stringify(error)).not.toThrow();
}

const trap = (): never => {
  throw new Error('hostile access');
};
const hostileHandler: ProxyHandler<object> = {
  get: trap,
  has: trap,
  ownKeys: trap,
  getOwnPropertyDescriptor: trap,
  getPrototypeOf: trap,
  defineProperty: trap,
  set: trap,
};

describe('random bytes as a body', () => {
  it('500 random bodies give a MalformedJSON service error in every style, never an exception', () => {
    const random = seededRandom(0xbce);
    for (let round = 0; round < 500; round += 1) {
      const body = randomBytes(random, 1 + Math.floor(random() * 300));
      const style = SDK_STYLES[round % 3] ?? 'go';
      const error = parseServiceError({ status: 500, headers: { 'x-bce-request-id': 'r' }, body }, { style });
      if (error === undefined) throw new Error(`seed round ${String(round)}: no error`);
      expectWellFormed(error, 500);
      expect(error.code, `round ${String(round)}`).toBe('MalformedJSON');
      expect(error.requestId).toBe('r');
    }
  });

  it('random bytes behind a JSON start, cut at a small maxErrorBodyBytes, never throw', () => {
    const random = seededRandom(42);
    const start = new TextEncoder().encode('{"code":"Start","message":"');
    for (let round = 0; round < 300; round += 1) {
      const tail = randomBytes(random, 1 + Math.floor(random() * 200));
      const body = new Uint8Array(start.length + tail.length);
      body.set(start);
      body.set(tail, start.length);
      const error = parseServiceError(
        { status: 503, headers: {}, body },
        { maxErrorBodyBytes: 1 + Math.floor(random() * 120) },
      );
      if (error === undefined) throw new Error(`round ${String(round)}: no error`);
      expectWellFormed(error, 503);
      expect(['Start', '', 'MalformedJSON']).toContain(error.code);
    }
  });
});

describe('deeply nested JSON', () => {
  const depth = 100_000;
  const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  // java reads on at any depth; go (and python through D1) fail past Go's 10,000 levels, as encoding/json does.
  const generous: ParseServiceErrorOptions = { style: 'java', maxErrorBodyBytes: 1024 * 1024 };

  it('100k nested arrays inside an object: java still reads the code (full parse), go gives MalformedJSON', () => {
    const body = `{"code":"Deep","message":"m","x":${nested}}`;
    const error = parseServiceError({ status: 500, headers: {}, body }, generous);
    expect(error?.code).toBe('Deep');
    expect(error?.bodyTruncated).toBe(false);
    const go = parseServiceError({ status: 500, headers: {}, body }, { ...generous, style: 'go' });
    expect(go?.code).toBe('MalformedJSON');
  });

  it('100k nested arrays inside an object: java still reads the code (truncated scan)', () => {
    const error = parseServiceError(
      { status: 500, headers: {}, body: `{"x":${nested},"code":"Late","message":"m"}` },
      { style: 'java', maxErrorBodyBytes: 150_000 },
    );
    expect(error?.bodyTruncated).toBe(true);
    expect(error?.code).toBe('');
    const early = parseServiceError(
      { status: 500, headers: {}, body: `{"code":"Early","message":"m","x":${nested}}` },
      { style: 'java' },
    );
    expect(early?.code).toBe('Early');
    expect(early?.bodyTruncated).toBe(true);
  });

  it('100k nested arrays at the top level are MalformedJSON', () => {
    for (const options of [generous, {}]) {
      const error = parseServiceError({ status: 500, headers: {}, body: nested }, options);
      expect(error?.code).toBe('MalformedJSON');
    }
  });

  it('100k nested objects and an unbalanced nest are handled', () => {
    const objects = `{"code":"Obj","message":"m","x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    expect(
      parseServiceError(
        { status: 500, headers: {}, body: objects },
        { style: 'java', maxErrorBodyBytes: 2 * 1024 * 1024 },
      )?.code,
    ).toBe('Obj');
    const unbalanced = `{"code":"U","x":${'['.repeat(depth)}`;
    expect(parseServiceError({ status: 500, headers: {}, body: unbalanced }, generous)?.code).toBe('MalformedJSON');
  });
});

describe('prototype pollution', () => {
  const polluting = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"code":"X"}';
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  afterEach(() => {
    // Whatever a test did, leave the prototype as it was for the next one.
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  it.each([
    ['full parse, bce', {}],
    ['full parse, auto', { dialect: 'auto' }],
    ['truncated scan', { maxErrorBodyBytes: polluting.length - 1 }],
  ] as const)('%s: the code is read and Object.prototype is untouched', (_label, options) => {
    const error = parseServiceError({ status: 400, headers: {}, body: polluting }, options);
    expect(error?.code).toBe('X');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(Object.getPrototypeOf(error)).toBe(BceServiceError.prototype);
  });

  it('a __proto__ key in headers or the auto dialect error object changes nothing', () => {
    const headers = JSON.parse('{"__proto__":{"x-bce-request-id":"evil"}}') as ServiceErrorResponse['headers'];
    const error = parseServiceError(
      { status: 400, headers, body: '{"error":{"__proto__":{"code":"evil"}}}' },
      { dialect: 'auto' },
    );
    expect(error?.requestId).toBe('');
    expect(error?.code).toBe('');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an inherited code is not read: only own keys', () => {
    const body = Object.create({ code: 'Inherited', message: 'inherited' }) as Record<string, unknown>;
    const error = toBceError({ response: { status: 404, data: body } });
    expect(isBceServiceError(error) && error.code).toBe('');
  });
});

describe('values of the wrong type', () => {
  it('numbers and booleans where strings belong: their JSON text in java and python, MalformedJSON in go (P8)', () => {
    const body = '{"code":123,"message":4.5,"requestId":true}';
    for (const style of ['java', 'python'] as const) {
      const error = parseServiceError({ status: 400, headers: {}, body }, { style });
      expect([error?.code, error?.errorMessage, error?.requestId]).toEqual(['123', '4.5', 'true']);
    }
    expect(parseServiceError({ status: 400, headers: {}, body })?.code).toBe('MalformedJSON');
  });
  it('objects and arrays where strings belong are MalformedJSON in every style (P8, D1, D8); null is absent', () => {
    for (const style of SDK_STYLES) {
      const error = parseServiceError(
        { status: 400, headers: { 'x-bce-request-id': 'h' }, body: '{"code":{"a":1},"message":[1],"requestId":null}' },
        { style },
      );
      expect([error?.code, error?.requestId]).toEqual(['MalformedJSON', 'h']);
    }
    const nulls = parseServiceError(
      { status: 400, headers: { 'x-bce-request-id': 'h' }, body: '{"code":null,"message":null,"requestId":null}' },
      { style: 'java' },
    );
    expect([nulls?.code, nulls?.errorMessage, nulls?.requestId]).toEqual(['', 'Bad Request', 'h']);
  });
  it('a body of an unexpected JS type is malformed', () => {
    for (const body of [42, true, Symbol('s'), () => 1, [1, 2]]) {
      const error = parseServiceError({ status: 500, headers: {}, body: body as unknown as string });
      expect(error?.code).toBe('MalformedJSON');
    }
  });
  it('a hostile body object (proxy, throwing getter, revoked proxy) from a client is malformed, not an exception', () => {
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const bodies: unknown[] = [
      new Proxy({}, hostileHandler),
      revocable.proxy,
      Object.defineProperty({}, 'code', { enumerable: true, get: trap }),
      { error: new Proxy({}, hostileHandler) },
    ];
    for (const data of bodies) {
      const error = toBceError({ response: { status: 404, data } }, { dialect: 'auto' });
      expect(isBceServiceError(error) && error.code).toBe('MalformedJSON');
      const direct = parseServiceError({ status: 404, headers: {}, body: data as string }, { dialect: 'auto' });
      expect(direct?.code).toBe('MalformedJSON');
    }
  });
});

describe('invalid statuses never throw', () => {
  const statuses: unknown[] = [
    Number.NaN,
    -1,
    0,
    1e9,
    3.5,
    Infinity,
    -Infinity,
    99,
    1000,
    '404',
    null,
    undefined,
    404n,
    {},
  ];
  it.each(statuses.map((status) => [`${typeof status} ${String(status)}`, status]))('status %s', (_label, status) => {
    for (const style of SDK_STYLES) {
      const body = '{"code":"X","message":"m","requestId":"r"}';
      const response = { status, headers: {}, body } as unknown as ServiceErrorResponse;
      const error = parseServiceError(response, { style });
      if (error !== undefined) {
        expect(isBceServiceError(error)).toBe(true);
        expect(Number.isInteger(error.statusCode)).toBe(true);
        expect(error.statusCode === 0 || (error.statusCode >= 100 && error.statusCode <= 999)).toBe(true);
        expect(['Client', 'Service']).toContain(error.errorType);
        expect(error.code).toBe('X');
      }
    }
  });
  it('a status outside 100..999 is reported as 0, not as the raw value', () => {
    expect(parseServiceError({ status: 1e9, headers: {}, body: '' })?.statusCode).toBe(0);
    expect(parseServiceError({ status: 3.5, headers: {}, body: '' })?.statusCode).toBe(0);
  });
});

describe('hostile thrown values never make toBceError throw', () => {
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  const withThrowingMessage = new Error('m');
  Object.defineProperty(withThrowingMessage, 'message', { get: trap });
  const withThrowingCause = new Error('m');
  Object.defineProperty(withThrowingCause, 'cause', { get: trap });
  const cyclic = new Error('cyclic') as Error & { cause?: unknown };
  cyclic.cause = cyclic;
  const values: [string, unknown][] = [
    ['a proxy whose every trap throws', new Proxy({}, hostileHandler)],
    ['a revoked proxy', revocable.proxy],
    ['an error with a throwing message getter', withThrowingMessage],
    ['an error with a throwing cause getter', withThrowingCause],
    ['a cyclic cause chain', cyclic],
    ['an axios-like error whose response is a hostile proxy', { response: new Proxy({}, hostileHandler) }],
    [
      'an axios-like error with hostile headers',
      { response: { status: 500, headers: new Proxy({}, hostileHandler), data: '' } },
    ],
    ['null', null],
    ['undefined', undefined],
    ['a symbol', Symbol('x')],
    ['a number', 42],
    ['a function', () => 1],
  ];
  it.each(values)('%s', (_label, value) => {
    let error: BceError | undefined;
    expect(() => {
      error = toBceError(value);
    }).not.toThrow();
    expect(error instanceof BceClientError || error instanceof BceServiceError).toBe(true);
    expect(() => JSON.stringify(error)).not.toThrow();
  });
});

describe('bad options throw a TypeError that says what to fix', () => {
  const response: ServiceErrorResponse = { status: 404, headers: {}, body: '' };
  it.each([
    ['unknown style', { style: 'rust' }, /unknown style "rust"; use 'go', 'java' or 'python'/],
    ['unknown dialect', { dialect: 'iam' }, /unknown dialect "iam"; use 'bce' or 'auto'/],
    ['negative retries', { retries: -1 }, /retries must be a whole number >= 0 \(got -1\)/],
    ['fractional retries', { retries: 1.5 }, /retries must be a whole number/],
    [
      'maxErrorBodyBytes 0',
      { maxErrorBodyBytes: 0 },
      /maxErrorBodyBytes must be a positive whole number of bytes \(got 0\)/,
    ],
    ['maxErrorBodyBytes as text', { maxErrorBodyBytes: '64k' }, /maxErrorBodyBytes must be a positive whole number/],
  ])('parseServiceError: %s', (_label, options, message) => {
    expect(() => parseServiceError(response, options as ParseServiceErrorOptions)).toThrow(TypeError);
    expect(() => parseServiceError(response, options as ParseServiceErrorOptions)).toThrow(message);
    // Even for a success status: options are checked before the response.
    expect(() => parseServiceError({ ...response, status: 200 }, options as ParseServiceErrorOptions)).toThrow(
      TypeError,
    );
  });

  it.each([
    ['unknown style', { style: 'GO' }, /toBceError: unknown style "GO"/],
    ['unknown dialect', { dialect: 'iam' }, /toBceError: unknown dialect "iam"/],
    ['negative retries', { retries: -1 }, /retries must be a whole number >= 0/],
    ['maxErrorBodyBytes 0', { maxErrorBodyBytes: 0 }, /maxErrorBodyBytes must be a positive whole number/],
  ])('toBceError: %s, whether or not the error has a response', (_label, options, message) => {
    expect(() => toBceError(new Error('x'), options as never)).toThrow(TypeError);
    expect(() => toBceError(new Error('x'), options as never)).toThrow(message);
    expect(() => toBceError({ response: { status: 404, data: '' } }, options as never)).toThrow(TypeError);
  });

  it('retryPolicy: unknown style, negative maxRetries', () => {
    expect(() => retryPolicy('ruby' as never)).toThrow(/retryPolicy: unknown style "ruby"/);
    expect(() => retryPolicy('go', { maxRetries: -1 })).toThrow(
      /retry.maxRetries must be a whole number >= 0 \(got -1\)/,
    );
  });

  it.each([
    [{ style: 'rust' }, /unknown style "rust"/],
    [{ dialect: 'iam' }, /unknown dialect "iam"/],
    [{ retry: { maxRetries: -1 } }, /maxRetries must be a whole number >= 0/],
    [{ retry: 'yes' }, /retry must be true, false or a partial policy/],
    [{ maxErrorBodyBytes: 0 }, /maxErrorBodyBytes must be a positive whole number/],
    [{ honorRetryAfter: 'yes' }, /honorRetryAfter must be true or false/],
    [{ retries: 3 }, /unknown option 'retries'; the options are style, dialect, retry/],
    [null, /options must be a plain object such as \{ style: 'go' \} \(got null\)/],
    // Not a partial policy, and no default in disguise: a list or a Date is a mistake.
    [{ retry: [] }, /retry must be true, false or a partial policy such as \{ maxRetries: 1 \} \(got an array\)/],
    [{ retry: new Date() }, /retry must be true, false or a partial policy/],
    [{ retry: new Map([['maxRetries', 1]]) }, /retry must be true, false or a partial policy/],
    [[], /^installBceErrors: options must be a plain object such as \{ style: 'go' \} \(got an array\)\.$/],
    [[{ style: 'java' }], /options must be a plain object/],
    [new Date(), /options must be a plain object/],
  ])('adapter options %j', (options, message) => {
    expect(() => resolveAdapterOptions(options, 'installBceErrors')).toThrow(TypeError);
    expect(() => resolveAdapterOptions(options, 'installBceErrors')).toThrow(message);
  });

  const OPTIONS_LIST =
    'the options are style, dialect, retry, honorRetryAfter, maxErrorBodyBytes, requestId, retryRequestsWithBody';
  const RETRY_LIST = 'maxRetries, delayMs, shouldRetry';
  it.each([
    // A typo names the closest option, in the same message shape as every other option error.
    [
      { maxErrorBodyByte: 1 },
      `bceErrors: unknown option 'maxErrorBodyByte' (did you mean 'maxErrorBodyBytes'?); ${OPTIONS_LIST}.`,
    ],
    [{ stlye: 'go' }, `bceErrors: unknown option 'stlye' (did you mean 'style'?); ${OPTIONS_LIST}.`],
    [{ RequestID: true }, `bceErrors: unknown option 'RequestID' (did you mean 'requestId'?); ${OPTIONS_LIST}.`],
    [
      { honourRetryAfter: true },
      `bceErrors: unknown option 'honourRetryAfter' (did you mean 'honorRetryAfter'?); ${OPTIONS_LIST}.`,
    ],
    // Nothing close: no guess.
    [{ timeout: 5 }, `bceErrors: unknown option 'timeout'; ${OPTIONS_LIST}.`],
    // Inside retry: unknown keys are rejected too, named with their path.
    [
      { retry: { maxRetry: 1 } },
      `bceErrors: unknown option 'retry.maxRetry' (did you mean 'retry.maxRetries'?); the retry options are ${RETRY_LIST}.`,
    ],
    [
      { retry: { delay: () => 1 } },
      `bceErrors: unknown option 'retry.delay' (did you mean 'retry.delayMs'?); the retry options are ${RETRY_LIST}.`,
    ],
    [{ retry: { backoff: 2 } }, `bceErrors: unknown option 'retry.backoff'; the retry options are ${RETRY_LIST}.`],
    // The retry options of got and axios-retry: whose they are, and ours that does the job.
    [
      { retry: { limit: 0 } },
      `bceErrors: 'retry.limit' is got's option, not one of this adapter's; use retry: { maxRetries: 0 } or retry: false; got's own retry.limit belongs in got.extend() or a request's options (the retry options are ${RETRY_LIST}).`,
    ],
    [
      { retry: { calculateDelay: () => 1 } },
      /'retry\.calculateDelay' is got's option, not one of this adapter's; use retry: \{ delayMs \}/,
    ],
    [
      { retry: { statusCodes: [503] } },
      /'retry\.statusCodes' is got's option, not one of this adapter's; use retry: \{ shouldRetry \}/,
    ],
    [
      { retry: { retries: 2 } },
      /^bceErrors: 'retry\.retries' is axios-retry's option, not one of this adapter's; use retry: \{ maxRetries: 0 \} or retry: false \(/,
    ],
  ])('adapter options %j: the closest valid name', (options, message) => {
    expect(() => resolveAdapterOptions(options, 'bceErrors')).toThrow(TypeError);
    expect(() => resolveAdapterOptions(options, 'bceErrors')).toThrow(message);
  });

  it("adapter options: an adapter's extra options are candidates too; a valid retry object still passes", () => {
    expect(() => resolveAdapterOptions({ fetchh: fetch }, 'bceFetch', ['fetch', 'timeoutMs'])).toThrow(
      "bceFetch: unknown option 'fetchh' (did you mean 'fetch'?); the options are style, dialect, retry, honorRetryAfter, maxErrorBodyBytes, requestId, retryRequestsWithBody, fetch, timeoutMs.",
    );
    expect(() => resolveAdapterOptions({ timeoutMS: 1 }, 'bceFetch', ['fetch', 'timeoutMs'])).toThrow(
      /unknown option 'timeoutMS' \(did you mean 'timeoutMs'\?\)/,
    );
    const resolved = resolveAdapterOptions(
      { retry: { maxRetries: 1, delayMs: () => 5, shouldRetry: () => true } },
      'x',
    );
    expect(resolved.policy.maxRetries).toBe(1);
    expect(resolveAdapterOptions({ retry: {} }, 'x').policy.maxRetries).toBe(3);
  });

  it.each([[[]], ['go'], [42], [true], [new Date()], [() => ({ style: 'go' })]])(
    'parseServiceError and toBceError: options %j that are not a plain object',
    (options) => {
      expect(() => parseServiceError(response, options as never)).toThrow(
        /^parseServiceError: options must be a plain object such as \{ style: 'go' \} \(got /,
      );
      expect(() => toBceError(new Error('x'), options as never)).toThrow(/^toBceError: options must be a plain object/);
    },
  );

  it('toBceError: a sentRequestId that is not text', () => {
    expect(() => toBceError(new Error('x'), { sentRequestId: 5 } as never)).toThrow(
      'toBceError: sentRequestId must be a string (got 5).',
    );
  });

  it('retryPolicy: overrides that are a list or a Date', () => {
    expect(() => retryPolicy('go', [] as never)).toThrow(
      'retryPolicy: overrides must be a plain object such as { maxRetries: 1 } (got an array).',
    );
    expect(() => retryPolicy('go', new Date() as never)).toThrow(/retryPolicy: overrides must be a plain object/);
  });

  const SERVICES = "use 'bce', 'cfs', 'eip', 'eipgroup', 'bandwidth-package' or 'iam'";
  it.each([
    [
      'lookupError',
      () => lookupError('AccessDenied', { service: 5 } as never),
      /^lookupError: service must be a string such as 'cfs' \(got 5\)\.$/,
    ],
    [
      'lookupError',
      () => lookupError('AccessDenied', [] as never),
      /^lookupError: options must be a plain object such as \{ service: 'cfs' \} \(got an array\)\.$/,
    ],
    [
      'catalogEntryForError',
      () => catalogEntryForError({ code: 'AccessDenied' }, { service: null } as never),
      /^catalogEntryForError: service must be a string/,
    ],
    [
      'listErrors',
      () => listErrors({ status: '404' } as never),
      'listErrors: status must be a whole number such as 404 (got "404").',
    ],
    [
      'listErrors',
      () => listErrors({ service: 'cfss' } as never),
      `listErrors: unknown service "cfss" (did you mean 'cfs'?); ${SERVICES}.`,
    ],
    ['listErrors', () => listErrors('iam' as never), /^listErrors: options must be a plain object/],
    [
      'suggestErrorCodes',
      () => suggestErrorCodes('AccesDenied', { limit: -1 }),
      'suggestErrorCodes: limit must be a whole number >= 0 (got -1); the default is 3.',
    ],
    [
      'suggestErrorCodes',
      () => suggestErrorCodes('AccesDenied', { limit: '2' } as never),
      /limit must be a whole number >= 0 \(got "2"\)/,
    ],
    [
      'suggestErrorCodes',
      () => suggestErrorCodes('AccesDenied', { service: 'IAM' } as never),
      `suggestErrorCodes: unknown service "IAM" (did you mean 'iam'?); ${SERVICES}.`,
    ],
  ])('%s: a bad option value', (_name, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });

  it('fromJSON of junk', () => {
    for (const junk of ['not json', '{', '[]', '"text"', '42', null, 42, {}, [], { schema: 'other' }]) {
      expect(() => fromJSON(junk)).toThrow(TypeError);
    }
  });
});
