import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  BceClientError,
  BceError,
  BceServiceError,
  type BceServiceErrorInit,
  ERROR_JSON_SCHEMA,
  fromJSON,
  isBceClientError,
  isBceError,
  isBceServiceError,
  parseServiceError,
  SDK_STYLES,
  type SdkStyle,
  toBceError,
} from '../../src/index.js';
import { ERROR_BRAND } from '../../src/errors/brand.js';
import type * as CoreModule from '../../src/index.js';

// A real second copy of the package: the CommonJS build, loaded through require, next to the sources vitest runs.
const distPath = fileURLToPath(new URL('../../dist/index.cjs', import.meta.url));
const distBuilt = existsSync(distPath);
const secondCopy = distBuilt ? (createRequire(import.meta.url)(distPath) as typeof CoreModule) : undefined;

function serviceError(style: SdkStyle, overrides: Partial<BceServiceErrorInit> = {}): BceServiceError {
  return new BceServiceError({
    style,
    code: 'NoSuchKey',
    errorMessage: 'The specified key does not exist.',
    requestId: 'req-1',
    statusCode: 404,
    ...overrides,
  });
}

function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
    code: 'ECONNREFUSED',
    errno: -111,
    syscall: 'connect',
    address: '127.0.0.1',
    port: 9,
  });
}

function clientError(style: SdkStyle, retries = 0): BceClientError {
  return new BceClientError({ style, transportCode: 'ConnectionRefused', cause: refused(), retries });
}

/** The JSON a value serialises to, as a logger or a worker message would carry it. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

describe('hierarchy', () => {
  it('service and client errors extend BceError and Error', () => {
    const service = serviceError('go');
    const client = clientError('go');
    for (const error of [service, client]) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(BceError);
      expect(isBceError(error)).toBe(true);
    }
    expect(service).toBeInstanceOf(BceServiceError);
    expect(service).not.toBeInstanceOf(BceClientError);
    expect(client).toBeInstanceOf(BceClientError);
    expect(client).not.toBeInstanceOf(BceServiceError);
    expect([isBceServiceError(service), isBceClientError(service)]).toEqual([true, false]);
    expect([isBceServiceError(client), isBceClientError(client)]).toEqual([false, true]);
  });

  it('a base BceError is a BceError and neither kind', () => {
    const base = new BceError('something', { style: 'java' });
    expect(base).toBeInstanceOf(BceError);
    expect([isBceError(base), isBceServiceError(base), isBceClientError(base)]).toEqual([true, false, false]);
    expect(base.name).toBe('BceError');
    expect([base.style, base.retries]).toEqual(['java', 0]);
  });

  it('isInstance mirrors the brand checks', () => {
    expect(BceServiceError.isInstance(serviceError('go'))).toBe(true);
    expect(BceClientError.isInstance(serviceError('go'))).toBe(false);
    expect(BceError.isInstance(clientError('go'))).toBe(true);
  });

  it.each([
    ['a plain Error', new Error('x')],
    ['null', null],
    ['a string', 'BceServiceError'],
    ['an object with a wrong brand value', { [Symbol.for('bce-errors.error')]: 'other' }],
    ['an object with a same-named local symbol', { [Symbol('bce-errors.error')]: 'service' }],
    ['an object named like one', { name: 'BceServiceError', code: 'X', statusCode: 404 }],
  ])('%s is not a BceError', (_label, value) => {
    expect([isBceError(value), isBceServiceError(value), isBceClientError(value)]).toEqual([false, false, false]);
    expect(value instanceof BceError).toBe(false);
  });

  it('a hostile proxy or revoked proxy reads as no brand instead of throwing', () => {
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('no');
        },
      },
    );
    for (const value of [revocable.proxy, hostile]) {
      expect(isBceError(value)).toBe(false);
      expect(value instanceof BceServiceError).toBe(false);
    }
  });
});

describe('brands across package copies and realms', () => {
  it('a simulated second copy: an Error carrying the Symbol.for brand as the constructors define it', () => {
    const brand = Symbol.for('bce-errors.error');
    expect(ERROR_BRAND).toBe(brand);
    // A plain object carrying the brand is no error of any copy (see forged-brand.test.ts).
    const branded = (kind: string, fields: object = {}): Error =>
      Object.defineProperty(Object.assign(new Error('x'), fields), brand, { value: kind, enumerable: false });
    const foreignService = branded('service', { code: 'NoSuchKey' });
    const foreignClient = branded('client');
    expect(isBceServiceError(foreignService)).toBe(true);
    expect(foreignService instanceof BceServiceError).toBe(true);
    expect(foreignService instanceof BceError).toBe(true);
    expect(foreignService instanceof BceClientError).toBe(false);
    expect(isBceClientError(foreignClient)).toBe(true);
    expect(foreignClient instanceof BceClientError).toBe(true);
    expect(foreignClient instanceof BceServiceError).toBe(false);
    // toBceError returns an error of another copy as it is.
    expect(toBceError(foreignService)).toBe(foreignService);
  });

  it('another realm (vm context) shares the Symbol.for registry', () => {
    const foreign: unknown = runInNewContext(
      "Object.defineProperty(new Error('x'), Symbol.for('bce-errors.error'), { value: 'client', enumerable: false })",
    );
    expect(foreign instanceof Object).toBe(false);
    expect(isBceClientError(foreign)).toBe(true);
    expect(foreign instanceof BceClientError).toBe(true);
  });

  it.skipIf(!distBuilt)(
    'a real second copy: errors of dist/index.cjs and of the sources recognise each other (skipped when dist/ is not built; run `pnpm --filter @bce-errors/core build`)',
    () => {
      if (secondCopy === undefined) throw new Error('unreachable: dist exists');
      expect(secondCopy.BceServiceError).not.toBe(BceServiceError);
      const fromDist = new secondCopy.BceServiceError({
        style: 'go',
        code: 'NoSuchKey',
        errorMessage: 'm',
        requestId: 'r',
        statusCode: 404,
      });
      const fromDistClient = new secondCopy.BceClientError({ style: 'java', transportCode: 'Timeout' });
      const fromSource = serviceError('python');
      expect(fromDist instanceof BceServiceError).toBe(true);
      expect(fromDist instanceof BceError).toBe(true);
      expect(fromDist instanceof BceClientError).toBe(false);
      expect(isBceServiceError(fromDist)).toBe(true);
      expect(isBceClientError(fromDistClient)).toBe(true);
      expect(fromDistClient instanceof BceClientError).toBe(true);
      expect(fromSource instanceof secondCopy.BceServiceError).toBe(true);
      expect(secondCopy.isBceServiceError(fromSource)).toBe(true);
      expect(secondCopy.isBceClientError(fromSource)).toBe(false);
      expect(toBceError(fromDist)).toBe(fromDist);
      expect(secondCopy.toBceError(fromSource)).toBe(fromSource);
      // The shapes agree too: one copy reads the other's JSON.
      expect(asJson(fromJSON(fromDist.toJSON()))).toEqual(asJson(fromDist));
    },
  );
});

describe('name and stack', () => {
  it.each([
    ['BceServiceError', serviceError('go')],
    ['BceClientError', clientError('go')],
    ['BceError', new BceError('base message', { style: 'go' })],
  ] as const)('%s', (name, error) => {
    expect(error.name).toBe(name);
    expect(error.stack?.startsWith(`${name}: ${error.message}`)).toBe(true);
    expect(String(error)).toBe(`${name}: ${error.message}`);
    expect(Object.keys(error)).not.toContain('name');
  });
});

describe('aliases of the Go, Java and Python SDKs', () => {
  const error = serviceError('java', {
    statusCode: 503,
    code: 'ServiceUnavailable',
    errorMessage: 'busy',
    requestId: 'r-2',
  });
  it('Go', () => {
    expect([error.Code, error.Message, error.RequestId, error.StatusCode]).toEqual([
      'ServiceUnavailable',
      'busy',
      'r-2',
      503,
    ]);
  });
  it('Java', () => {
    expect([
      error.getErrorCode(),
      error.getErrorMessage(),
      error.getRequestId(),
      error.getStatusCode(),
      error.getErrorType(),
    ]).toEqual(['ServiceUnavailable', 'busy', 'r-2', 503, 'Service']);
  });
  it('Python and the BCE JS SDK', () => {
    expect([error.status_code, error.request_id, error.code]).toEqual([503, 'r-2', 'ServiceUnavailable']);
  });
  it('Message is the server message, message the formatted one', () => {
    expect(error.Message).toBe('busy');
    expect(error.message).toBe('busy (Status Code: 503; Error Code: ServiceUnavailable; Request ID: r-2)');
  });
  it('aliases are not enumerable, so loggers do not print every field twice', () => {
    const keys = Object.keys(error);
    for (const alias of ['Code', 'Message', 'RequestId', 'StatusCode', 'status_code', 'request_id']) {
      expect(keys).not.toContain(alias);
    }
    expect(keys).toEqual(
      expect.arrayContaining(['code', 'errorMessage', 'requestId', 'statusCode', 'style', 'retries']),
    );
  });
});

describe('F: message formats', () => {
  it.each([
    ['go', '[Code: NoSuchKey; Message: The specified key does not exist.; RequestId: req-1]'],
    ['java', 'The specified key does not exist. (Status Code: 404; Error Code: NoSuchKey; Request ID: req-1)'],
    ['python', 'The specified key does not exist.'],
  ] as const)('service error, %s', (style, message) => {
    const error = serviceError(style);
    expect(error.message).toBe(message);
    expect(error.errorMessage).toBe('The specified key does not exist.');
  });

  it('service error built by the parser, every style', () => {
    const response = { status: 500, headers: { 'x-bce-request-id': 'h' }, body: '' };
    const messages = SDK_STYLES.map((style) => parseServiceError(response, { style })?.message);
    expect(messages).toEqual([
      '[Code: InternalError; Message: 500 Internal Server Error; RequestId: h]',
      'Internal Server Error (Status Code: 500; Error Code: InternalError; Request ID: h)',
      'Internal Server Error',
    ]);
  });

  it.each([0, 1, 3])('client error, go: Retried %i times', (retries) => {
    expect(clientError('go', retries).message).toBe(
      `execute http request failed! Retried ${String(retries)} times, error: connect ECONNREFUSED 127.0.0.1:9`,
    );
  });

  it('client error, java: fixed text, the detail on cause', () => {
    const error = clientError('java', 2);
    expect(error.message).toBe('Unable to execute HTTP request');
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).message).toBe('connect ECONNREFUSED 127.0.0.1:9');
    expect((error.cause as Error & { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('client error, python: a header line then one line per attempt', () => {
    const attemptTexts = ['attempt one', 'attempt two', 'attempt three', 'attempt four'];
    const error = new BceClientError({ style: 'python', transportCode: 'ConnectionReset', retries: 3, attemptTexts });
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('Unable to execute HTTP request. Retried 3 times. All trace backs:');
    expect(lines).toHaveLength(5);
    attemptTexts.forEach((text, index) => {
      expect(lines[index + 1]).toContain(text);
    });
  });

  it('client error, go: the last attempt text', () => {
    const error = new BceClientError({
      style: 'go',
      transportCode: 'Timeout',
      retries: 1,
      attemptTexts: ['first', 'last'],
    });
    expect(error.message).toBe('execute http request failed! Retried 1 times, error: last');
  });

  it('the retries field matches the text', () => {
    expect(clientError('python', 3).retries).toBe(3);
    expect(serviceError('go', { retries: 2 }).retries).toBe(2);
  });
});

describe('client error fields', () => {
  it('keeps a sanitized copy of the cause with its system fields, never the original object', () => {
    const original = refused();
    const error = new BceClientError({
      style: 'go',
      transportCode: 'ConnectionRefused',
      cause: original,
      sentRequestId: 'sent-1',
    });
    expect(error.cause).not.toBe(original);
    const cause = error.cause as Error & Record<string, unknown>;
    expect([cause.name, cause.message, cause.code, cause.syscall, cause.port]).toEqual([
      'Error',
      'connect ECONNREFUSED 127.0.0.1:9',
      'ECONNREFUSED',
      'connect',
      9,
    ]);
    expect([error.transportCode, error.sentRequestId, error.attemptTexts]).toEqual([
      'ConnectionRefused',
      'sent-1',
      ['connect ECONNREFUSED 127.0.0.1:9'],
    ]);
  });
});

describe('toJSON and fromJSON', () => {
  const fullService = serviceError('java', {
    statusCode: 503,
    code: 'SlowDown',
    errorMessage: 'Please reduce your request rate. Authorization: bce-auth-v1/ak/2024/1800/host/sig',
    requestId: 'r-9',
    debugId: 'd-9',
    retries: 3,
    bodyTruncated: true,
    bodySnippet: '<html>',
    retryAfterMs: 2000,
    method: 'PUT',
    request: { method: 'PUT', url: 'https://ak:sk@bcc.bj.baidubce.com/v2/instance?authorization=bce-auth-v1%2Fak' },
  });

  it('service error shape', () => {
    const minimal = serviceError('go');
    expect(minimal.toJSON()).toEqual({
      schema: ERROR_JSON_SCHEMA,
      kind: 'service',
      name: 'BceServiceError',
      message: '[Code: NoSuchKey; Message: The specified key does not exist.; RequestId: req-1]',
      style: 'go',
      retries: 0,
      code: 'NoSuchKey',
      errorMessage: 'The specified key does not exist.',
      requestId: 'req-1',
      statusCode: 404,
      errorType: 'Client',
      bodyTruncated: false,
    });
    expect(Object.keys(fullService.toJSON()).sort()).toEqual(
      [
        'schema',
        'kind',
        'name',
        'message',
        'style',
        'retries',
        'code',
        'errorMessage',
        'requestId',
        'statusCode',
        'errorType',
        'debugId',
        'bodyTruncated',
        'bodySnippet',
        'retryAfterMs',
        'method',
        'request',
      ].sort(),
    );
    expect(JSON.stringify(minimal)).toBe(JSON.stringify(minimal.toJSON()));
    expect(fullService.toJSON().request).toEqual({
      method: 'PUT',
      url: 'https://[REDACTED]@bcc.bj.baidubce.com/v2/instance?authorization=[REDACTED]',
    });
  });

  it('the request is a property, in toJSON and util.inspect, never in the SDK-formatted message', () => {
    const request = { method: 'GET', url: 'https://bos.bj.baidubce.com/bucket/key?x-bce-security-token=TOKEN' };
    const url = 'https://bos.bj.baidubce.com/bucket/key?x-bce-security-token=[REDACTED]';
    const errors = [
      serviceError('go', { request }),
      new BceClientError({ style: 'go', transportCode: 'Timeout', request, attemptTexts: ['timed out'] }),
    ];
    for (const error of errors) {
      expect(error.request).toEqual({ method: 'GET', url });
      expect(error.toJSON().request).toEqual({ method: 'GET', url });
      expect(error.message).not.toContain('bos.bj');
      expect(String(error)).toBe(`${error.name}: ${error.message}`);
      expect(inspect(error, { breakLength: Infinity })).toContain(`request: { method: 'GET', url: '${url}' }`);
      expect(inspect(error)).not.toContain('TOKEN');
    }
    // Without a request (parseServiceError, new BceClientError), the JSON has no request key.
    expect(serviceError('go').request).toBeUndefined();
    expect('request' in serviceError('go').toJSON()).toBe(false);
  });

  it('client error shape', () => {
    const error = new BceClientError({
      style: 'python',
      transportCode: 'ConnectionRefused',
      cause: refused(),
      retries: 3,
      sentRequestId: 'sent-1',
      attemptTexts: ['a', 'b', 'c', 'd'],
      request: { method: 'DELETE', url: 'http://127.0.0.1:9/bucket' },
    });
    expect(error.toJSON()).toEqual({
      schema: ERROR_JSON_SCHEMA,
      kind: 'client',
      name: 'BceClientError',
      message: error.message,
      style: 'python',
      retries: 3,
      transportCode: 'ConnectionRefused',
      sentRequestId: 'sent-1',
      attemptTexts: ['a', 'b', 'c', 'd'],
      request: { method: 'DELETE', url: 'http://127.0.0.1:9/bucket' },
      cause: { name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:9', code: 'ECONNREFUSED' },
    });
  });

  const roundTrips: [string, BceError][] = [
    ...SDK_STYLES.map((style): [string, BceError] => [`service ${style}`, serviceError(style)]),
    ['service with every optional field and a redacted signature', fullService],
    ...SDK_STYLES.map((style): [string, BceError] => [`client ${style}`, clientError(style, 2)]),
    [
      'client with several attempts and a sent request id',
      new BceClientError({
        style: 'python',
        transportCode: 'Timeout',
        cause: Object.assign(new Error('timeout of 100ms exceeded'), { code: 'ECONNABORTED' }),
        retries: 1,
        sentRequestId: 's-1',
        attemptTexts: ['first', 'second'],
        request: { method: 'GET', url: 'http://user:pass@host/a?sessionToken=t&b=1' },
      }),
    ],
    ['client without a cause', new BceClientError({ style: 'go', transportCode: 'Unknown' })],
  ];

  it.each(roundTrips)('fromJSON(toJSON(e)) round-trips: %s', (_label, error) => {
    const rebuilt = fromJSON(asJson(error));
    expect(asJson(rebuilt)).toEqual(asJson(error));
    expect(rebuilt.constructor).toBe(error.constructor);
    expect(rebuilt.message).toBe(error.message);
    // From the JSON text too, and a second round changes nothing.
    const fromText = fromJSON(JSON.stringify(error));
    expect(asJson(fromText)).toEqual(asJson(error));
    expect(asJson(fromJSON(asJson(fromText)))).toEqual(asJson(error));
  });

  it('the rebuilt client error has the cause with its code', () => {
    const rebuilt = fromJSON(asJson(clientError('java')));
    expect(rebuilt).toBeInstanceOf(BceClientError);
    expect((rebuilt.cause as Error & { code?: string }).code).toBe('ECONNREFUSED');
  });

  it.each([
    ['a non-JSON string', 'not json'],
    ['null', null],
    ['a number', 7],
    ['an array', []],
    ['an empty object', {}],
    ['another schema', { schema: 'bce-errors/error@2', kind: 'service', statusCode: 404, style: 'go' }],
    ['an unknown kind', { schema: ERROR_JSON_SCHEMA, kind: 'weird', style: 'go' }],
    ['a service error without a statusCode', { schema: ERROR_JSON_SCHEMA, kind: 'service', style: 'go' }],
    ['an unknown style', { schema: ERROR_JSON_SCHEMA, kind: 'client', style: 'ruby', transportCode: 'Timeout' }],
  ])('fromJSON of %s throws a TypeError', (_label, junk) => {
    expect(() => fromJSON(junk)).toThrow(TypeError);
  });
});
