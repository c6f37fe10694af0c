import { describe, expect, it } from 'vitest';
import {
  BceServiceError,
  DEFAULT_MAX_ERROR_BODY_BYTES,
  isBceServiceError,
  parseServiceError,
  SDK_STYLES,
  type SdkStyle,
  type ServiceErrorResponse,
} from '../../src/index.js';
import { buildServiceError, type ServiceErrorFacts } from '../../src/parse/parse-service-error.js';

const encoder = new TextEncoder();

/**
 * Builds the error of a response whatever its status, with the facts an adapter adds (truncation, an incomplete
 * body, the method), so each test reads as the fields it checks.
 */
function parsed(
  response: Partial<ServiceErrorResponse> & { status: number },
  facts: Partial<ServiceErrorFacts> = {},
): BceServiceError {
  return buildServiceError(
    { headers: {}, body: null, ...response },
    { style: 'go', dialect: 'bce', retries: 0, maxErrorBodyBytes: DEFAULT_MAX_ERROR_BODY_BYTES, ...facts },
  );
}

const BCE_BODY = JSON.stringify({ code: 'NoSuchKey', message: 'The key does not exist', requestId: 'body-id' });

describe('P1: which statuses are errors, per style', () => {
  it.each([
    ['go', 404, true],
    ['go', 400, true],
    ['go', 599, true],
    ['go', 399, false],
    ['go', 304, false],
    ['go', 302, false],
    ['go', 200, false],
    ['go', 204, false],
    ['go', 101, false],
    ['java', 304, true],
    ['java', 302, true],
    ['java', 101, true],
    ['java', 200, false],
    ['java', 204, false],
    ['java', 299, false],
    ['java', 404, true],
    ['python', 304, true],
    ['python', 301, true],
    ['python', 200, false],
    ['python', 201, false],
    ['python', 500, true],
  ] as const)('%s: status %i is an error: %s', (style, status, isError) => {
    const error = parseServiceError({ status, headers: {}, body: BCE_BODY }, { style });
    if (isError) {
      expect(error).toBeInstanceOf(BceServiceError);
      expect(error?.statusCode).toBe(status);
      expect(error?.code).toBe('NoSuchKey');
      expect(error?.style).toBe(style);
    } else {
      expect(error).toBeUndefined();
    }
  });

  it('go is the default style', () => {
    expect(parseServiceError({ status: 304, headers: {}, body: null })).toBeUndefined();
    expect(parsed({ status: 404 }).style).toBe('go');
  });

  it('buildServiceError builds an error for a status the style counts as success (the client already rejected it)', () => {
    const error = parsed({ status: 304 }, { style: 'go' });
    expect(error.statusCode).toBe(304);
    expect(error.code).toBe('NotModified');
  });
});

describe('P2: body keys, exact case first, then case-insensitive', () => {
  it('reads the exact keys', () => {
    const error = parsed({ status: 404, body: BCE_BODY, headers: { 'x-bce-request-id': 'header-id' } });
    expect(error.code).toBe('NoSuchKey');
    expect(error.errorMessage).toBe('The key does not exist');
    expect(error.requestId).toBe('body-id');
  });

  it('falls back to Code, MESSAGE and RequestID', () => {
    const error = parsed({ status: 403, body: '{"Code":"AccessDenied","MESSAGE":"no","RequestID":"r-9"}' });
    expect(error.code).toBe('AccessDenied');
    expect(error.errorMessage).toBe('no');
    expect(error.requestId).toBe('r-9');
  });

  it('prefers the exact key wherever it appears in the object', () => {
    const error = parsed({
      status: 404,
      body: '{"CODE":"Wrong","code":"Right","Message":"wrong","message":"right","REQUESTID":"x","requestId":"y"}',
    });
    expect(error.code).toBe('Right');
    expect(error.errorMessage).toBe('right');
    expect(error.requestId).toBe('y');
  });

  it('skips an exact key whose value is not text and uses a case-insensitive one', () => {
    const error = parsed({ status: 404, body: '{"code":{"nested":1},"Code":"Fallback"}' });
    expect(error.code).toBe('Fallback');
  });

  it.each(['statusCode', 'StatusCode', 'status', 'status_code', 'httpStatus'])(
    'a body %s key never changes statusCode',
    (key) => {
      for (const style of SDK_STYLES) {
        const error = parsed({ status: 404, body: JSON.stringify({ code: 'X', [key]: 200 }) }, { style });
        expect(error.statusCode).toBe(404);
        expect(error.StatusCode).toBe(404);
        expect(error.errorType).toBe('Client');
      }
      const serverError = parsed({ status: 503, body: JSON.stringify({ code: 'X', [key]: 400 }) });
      expect(serverError.statusCode).toBe(503);
      expect(serverError.errorType).toBe('Service');
    },
  );
});

describe('P3: requestId fallbacks', () => {
  it('body requestId wins over the header', () => {
    expect(parsed({ status: 404, body: BCE_BODY, headers: { 'x-bce-request-id': 'h' } }).requestId).toBe('body-id');
  });
  it('the x-bce-request-id header when the body has none', () => {
    expect(parsed({ status: 404, body: '{"code":"X"}', headers: { 'x-bce-request-id': 'h-1' } }).requestId).toBe('h-1');
  });
  it("'' when neither has one", () => {
    expect(parsed({ status: 404, body: '{"code":"X"}' }).requestId).toBe('');
  });
  it('the header for an empty body too', () => {
    expect(parsed({ status: 500, body: '', headers: { 'x-bce-request-id': 'h-2' } }).requestId).toBe('h-2');
  });
});

describe('P4: missing message', () => {
  it.each([
    ['go', 404, undefined, '404 Not Found'],
    ['java', 404, undefined, 'Not Found'],
    ['python', 404, undefined, 'Not Found'],
    ['go', 503, undefined, '503 Service Unavailable'],
    ['java', 503, undefined, 'Service Unavailable'],
    ['go', 404, 'Gone Fishing', '404 Gone Fishing'],
    ['java', 404, 'Gone Fishing', 'Gone Fishing'],
    ['python', 404, '   ', 'Not Found'],
    ['go', 499, undefined, '499'],
    ['java', 499, undefined, ''],
  ] as const)('%s status %i statusText %s -> %j', (style, status, statusText, expected) => {
    const error = parsed({ status, statusText, body: '{"code":"X"}' }, { style });
    expect(error.errorMessage).toBe(expected);
    expect(error.code).toBe('X');
  });
});

describe('P5: empty body codes, the same in every style', () => {
  const cases = [
    [400, 'InvalidHTTPRequest'],
    [403, 'AccessDenied'],
    [412, 'PreconditionFailed'],
    [500, 'InternalError'],
    [503, 'ServiceUnavailable'],
    [404, 'NotFound'],
    [405, 'MethodNotAllowed'],
    [502, 'BadGateway'],
  ] as const;
  for (const style of SDK_STYLES) {
    it.each(cases)(`${style}: status %i -> %s`, (status, code) => {
      for (const body of [null, undefined, '', new Uint8Array(0), new ArrayBuffer(0)]) {
        const error = parsed({ status, body }, { style });
        expect(error.code).toBe(code);
        expect(error.statusCode).toBe(status);
      }
    });
  }

  it('uses the reason phrase the client reported for an unknown status', () => {
    expect(parsed({ status: 429, statusText: 'Slow Down' }).code).toBe('SlowDown');
    expect(parsed({ status: 429 }).code).toBe('TooManyRequests');
  });
});

describe('P6: object bodies without a code', () => {
  it.each(['{}', 'null', ' null ', '{"message":"only a message"}'])('%s -> code ""', (body) => {
    for (const style of SDK_STYLES) {
      const error = parsed({ status: 404, body }, { style });
      expect(error.code).toBe('');
      expect(error.statusCode).toBe(404);
    }
  });
  it('keeps a message without a code', () => {
    expect(parsed({ status: 404, body: '{"message":"only a message"}' }).errorMessage).toBe('only a message');
  });
  it('a null body counts as {}: the message falls back (P4)', () => {
    expect(parsed({ status: 404, body: 'null' }, { style: 'go' }).errorMessage).toBe('404 Not Found');
  });
});

describe('P7: bodies that are not a JSON object', () => {
  const invalidUtf8 = new Uint8Array([
    0x7b, 0x22, 0x63, 0x6f, 0x64, 0x65, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d,
  ]);
  const bodies: [string, ServiceErrorResponse['body']][] = [
    ['HTML', '<html><body><h1>502 Bad Gateway</h1></body></html>'],
    ['an array', '[{"code":"X"}]'],
    ['a number', '42'],
    ['a string', '"NoSuchKey"'],
    ['true', 'true'],
    ['broken JSON', '{"code":"X",'],
    ['invalid UTF-8 bytes', invalidUtf8],
    ['invalid UTF-8 as an ArrayBuffer', invalidUtf8.slice().buffer],
  ];
  for (const style of SDK_STYLES) {
    it.each(bodies)(`${style}: %s is MalformedJSON with the real status and the header request id`, (_label, body) => {
      const error = parsed({ status: 502, body, headers: { 'x-bce-request-id': 'hdr' } }, { style });
      expect(isBceServiceError(error)).toBe(true);
      expect(error.code).toBe('MalformedJSON');
      expect(error.errorMessage).toBe('Service json error message decode failed');
      expect(error.statusCode).toBe(502);
      expect(error.requestId).toBe('hdr');
    });
  }

  it('keeps the start of an HTML body as bodySnippet, and none for JSON', () => {
    const html = `<html>${'x'.repeat(2000)}</html>`;
    const error = parsed({ status: 502, body: html });
    expect(error.bodySnippet?.startsWith('<html>xxx')).toBe(true);
    expect(error.bodySnippet?.length).toBeLessThanOrEqual(512);
    expect(parsed({ status: 404, body: BCE_BODY }).bodySnippet).toBeUndefined();
  });

  it('bodyIncomplete: a body cut short by the connection is malformed even if it starts like JSON', () => {
    for (const style of SDK_STYLES) {
      const error = parsed(
        { status: 404, body: '{"code":"NoSuchKey","message":"cut', headers: { 'x-bce-request-id': 'hdr' } },
        { style, bodyIncomplete: true },
      );
      expect(error.code).toBe('MalformedJSON');
      expect(error.statusCode).toBe(404);
      expect(error.requestId).toBe('hdr');
    }
  });
});

describe('P8: Content-Type is ignored', () => {
  it.each(['text/html', 'text/plain', 'application/octet-stream'])('a JSON body sent as %s is parsed', (type) => {
    expect(parsed({ status: 404, body: BCE_BODY, headers: { 'content-type': type } }).code).toBe('NoSuchKey');
  });
  it('an HTML body sent as application/json is malformed', () => {
    const error = parsed({ status: 404, body: '<html/>', headers: { 'content-type': 'application/json' } });
    expect(error.code).toBe('MalformedJSON');
  });
});

describe('P9 and P10: debugId and errorType', () => {
  it('debugId comes from x-bce-debug-id', () => {
    expect(parsed({ status: 404, body: BCE_BODY, headers: { 'x-bce-debug-id': 'dbg-1' } }).debugId).toBe('dbg-1');
    expect(parsed({ status: 404, body: BCE_BODY }).debugId).toBeUndefined();
  });
  it('a body debugId key is not read', () => {
    expect(parsed({ status: 404, body: '{"code":"X","debugId":"from-body"}' }).debugId).toBeUndefined();
  });
  it.each([
    [301, 'Client'],
    [400, 'Client'],
    [404, 'Client'],
    [499, 'Client'],
    [500, 'Service'],
    [503, 'Service'],
    [599, 'Service'],
  ] as const)('status %i -> %s', (status, errorType) => {
    const error = parsed({ status, body: BCE_BODY }, { style: 'java' });
    expect(error.errorType).toBe(errorType);
    expect(error.getErrorType()).toBe(errorType);
  });
});

describe('P11: dialect', () => {
  it('auto reads {error_code, error_msg}, also numeric codes', () => {
    const error = parsed(
      { status: 400, body: '{"error_code":"IAM.0001","error_msg":"bad token"}' },
      { dialect: 'auto' },
    );
    expect(error.code).toBe('IAM.0001');
    expect(error.errorMessage).toBe('bad token');
    expect(parsed({ status: 400, body: '{"error_code":1101,"error_msg":"x"}' }, { dialect: 'auto' }).code).toBe('1101');
  });
  it('auto reads {error: {code, message}}', () => {
    const error = parsed(
      { status: 403, body: '{"error":{"code":"IAM.0002","message":"denied"}}' },
      { dialect: 'auto' },
    );
    expect(error.code).toBe('IAM.0002');
    expect(error.errorMessage).toBe('denied');
  });
  it('auto reads the x-request-id header and request_id', () => {
    expect(
      parsed({ status: 400, body: '{}', headers: { 'x-request-id': 'xr-1' } }, { dialect: 'auto' }).requestId,
    ).toBe('xr-1');
    expect(parsed({ status: 400, body: '{"request_id":"b-1"}' }, { dialect: 'auto' }).requestId).toBe('b-1');
    const both = parsed(
      { status: 400, body: '{}', headers: { 'x-request-id': 'xr-1', 'x-bce-request-id': 'bce-1' } },
      { dialect: 'auto' },
    );
    expect(both.requestId).toBe('bce-1');
  });
  it('auto still prefers the BCE shape', () => {
    const error = parsed(
      { status: 400, body: '{"code":"Bce","error_code":"Iam","error":{"code":"Nested"}}' },
      { dialect: 'auto' },
    );
    expect(error.code).toBe('Bce');
  });
  it('bce (the default) ignores the other shapes', () => {
    const error = parsed(
      { status: 400, body: '{"error_code":"IAM.0001","error_msg":"bad token"}', headers: { 'x-request-id': 'xr-1' } },
      { style: 'java' },
    );
    expect(error.code).toBe('');
    expect(error.errorMessage).toBe('Bad Request');
    expect(error.requestId).toBe('');
    expect(parsed({ status: 403, body: '{"error":{"code":"IAM.0002"}}' }).code).toBe('');
  });
});

describe('P12: long bodies are read up to maxErrorBodyBytes', () => {
  const TEN_MB = 10 * 1024 * 1024;
  const longMessage = 'a'.repeat(TEN_MB);
  const longText = `{"code":"NoSuchKey","message":"${longMessage}","requestId":"body-id-never-read"}`;

  it.each([
    ['text', longText],
    ['bytes', encoder.encode(longText)],
  ] as const)('a 10 MB %s body keeps code, the start of message and the header request id', (_kind, body) => {
    const error = parsed({ status: 500, body, headers: { 'x-bce-request-id': 'hdr-id' } });
    expect(DEFAULT_MAX_ERROR_BODY_BYTES).toBe(65536);
    expect(error.code).toBe('NoSuchKey');
    expect(error.errorMessage.startsWith('aaaa')).toBe(true);
    expect(error.errorMessage.length).toBeGreaterThan(60_000);
    expect(error.errorMessage.length).toBeLessThanOrEqual(DEFAULT_MAX_ERROR_BODY_BYTES);
    expect(error.requestId).toBe('hdr-id');
    expect(error.bodyTruncated).toBe(true);
    expect(error.message.length).toBeLessThan(DEFAULT_MAX_ERROR_BODY_BYTES + 200);
  });

  it('keeps fields that come before a long value, whole', () => {
    const body = `{"requestId":"r-1","code":"Big","message":"short","padding":"${'p'.repeat(100_000)}"}`;
    const error = parsed({ status: 400, body });
    expect([error.code, error.errorMessage, error.requestId, error.bodyTruncated]).toEqual([
      'Big',
      'short',
      'r-1',
      true,
    ]);
  });

  it('a body exactly at the limit is not truncated', () => {
    const body = JSON.stringify({ code: 'X', message: 'm' });
    const error = parsed({ status: 400, body: encoder.encode(body) }, { maxErrorBodyBytes: body.length });
    expect([error.code, error.errorMessage, error.bodyTruncated]).toEqual(['X', 'm', false]);
  });

  it('a truncated body that does not start like a JSON object is malformed and says so', () => {
    const error = parsed({ status: 502, body: `<html>${'x'.repeat(100)}` }, { maxErrorBodyBytes: 20 });
    expect(error.code).toBe('MalformedJSON');
    expect(error.bodyTruncated).toBe(true);
  });

  describe('a cut inside an escape sequence keeps only what decodes', () => {
    const prefix = '{"code":"X","message":"ab';
    const escape = '\\u00e9';
    const body = `${prefix}${escape}cd"}`;
    it.each([0, 1, 2, 3, 4, 5])('cut after %i characters of \\u00e9 -> "ab"', (cut) => {
      const error = parsed({ status: 500, body }, { maxErrorBodyBytes: prefix.length + cut });
      expect(error.code).toBe('X');
      expect(error.errorMessage).toBe('ab');
      expect(error.bodyTruncated).toBe(true);
    });
    it('the whole escape -> "abé"', () => {
      expect(parsed({ status: 500, body }, { maxErrorBodyBytes: prefix.length + 6 }).errorMessage).toBe('abé');
    });
    it.each([
      ['an escaped backslash', '\\\\', 'ab\\'],
      ['an escaped backslash then u00 text', '\\\\u00', 'ab\\u00'],
      ['an escaped backslash then a cut escape', '\\\\\\', 'ab\\'],
      ['an escaped backslash then a cut \\u', '\\\\\\u0', 'ab\\'],
      ['a complete \\n', '\\n', 'ab\n'],
      ['a complete \\"', '\\"', 'ab"'],
    ])('cut right after %s', (_label, tail, expected) => {
      const error = parsed({ status: 500, body: `${prefix}${tail}` }, { bodyTruncated: true });
      expect(error.errorMessage).toBe(expected);
    });
  });

  it('a cut inside a multi-byte UTF-8 character leaves no replacement character', () => {
    const start = '{"code":"X","message":"';
    const bytes = encoder.encode(`${start}${'é'.repeat(50)}"}`);
    // Every é is two bytes: cut after the first byte of the third one.
    const error = parsed({ status: 500, body: bytes }, { maxErrorBodyBytes: start.length + 5 });
    expect(error.errorMessage).toBe('éé');
  });

  it('a cut inside a character does not leak into the next body (no shared decoder state)', () => {
    const start = '{"code":"A","message":"';
    parsed(
      { status: 500, body: encoder.encode(`${start}${'é'.repeat(50)}"}`) },
      { maxErrorBodyBytes: start.length + 1 },
    );
    const next = parsed(
      { status: 500, body: encoder.encode(`{"code":"B","message":"${'x'.repeat(100)}"}`) },
      { maxErrorBodyBytes: 40 },
    );
    expect(next.code).toBe('B');
    expect(next.errorMessage).toBe('x'.repeat(40 - '{"code":"B","message":"'.length));
  });

  it('bodyTruncated from the adapter marks a short body as truncated', () => {
    const error = parsed({ status: 500, body: '{"code":"X","message":"partial' }, { bodyTruncated: true });
    expect([error.code, error.errorMessage, error.bodyTruncated]).toEqual(['X', 'partial', true]);
  });
});

describe('headers in every shape', () => {
  const body = '{"code":"X"}';
  it('a WHATWG Headers', () => {
    const headers = new Headers({ 'X-Bce-Request-Id': 'w-1', 'X-Bce-Debug-Id': 'd-1' });
    const error = parsed({ status: 404, body, headers });
    expect([error.requestId, error.debugId]).toEqual(['w-1', 'd-1']);
  });
  it('a record with odd casing', () => {
    const error = parsed({ status: 404, body, headers: { 'X-BCE-Request-ID': 'odd-1', 'x-BCE-debug-ID': 'odd-d' } });
    expect([error.requestId, error.debugId]).toEqual(['odd-1', 'odd-d']);
  });
  it('the exact name wins over another casing', () => {
    const error = parsed({ status: 404, body, headers: { 'X-BCE-REQUEST-ID': 'upper', 'x-bce-request-id': 'exact' } });
    expect(error.requestId).toBe('exact');
  });
  it('an array value: the first one', () => {
    expect(parsed({ status: 404, body, headers: { 'x-bce-request-id': ['first', 'second'] } }).requestId).toBe('first');
    expect(parsed({ status: 404, body, headers: { 'x-bce-request-id': [] } }).requestId).toBe('');
  });
  it('a number value', () => {
    expect(parsed({ status: 404, body, headers: { 'x-bce-request-id': 42 } }).requestId).toBe('42');
  });
  it('null, undefined and object values read as absent', () => {
    for (const value of [null, undefined, { nested: 'x' }]) {
      const headers = { 'x-bce-request-id': value } as unknown as ServiceErrorResponse['headers'];
      expect(parsed({ status: 404, body, headers }).requestId).toBe('');
    }
  });
  it('null or undefined headers', () => {
    expect(parsed({ status: 404, body, headers: null }).requestId).toBe('');
    expect(parsed({ status: 404, body, headers: undefined }).requestId).toBe('');
  });
  it('a Proxy whose every trap throws', () => {
    const trap = (): never => {
      throw new Error('hostile header access');
    };
    const headers = new Proxy(
      {},
      { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap },
    ) as ServiceErrorResponse['headers'];
    const error = parsed({ status: 404, body, headers });
    expect([error.code, error.requestId, error.debugId, error.retryAfterMs]).toEqual(['X', '', undefined, undefined]);
  });
  it('a get() whose result is not text', () => {
    const headers = { get: (): unknown => 12 } as unknown as ServiceErrorResponse['headers'];
    expect(parsed({ status: 404, body, headers }).requestId).toBe('12');
  });
  it('Retry-After in seconds or as an HTTP date becomes retryAfterMs', () => {
    expect(parsed({ status: 503, body, headers: { 'retry-after': '7' } }).retryAfterMs).toBe(7000);
    const date = new Date(Date.now() + 60_000).toUTCString();
    const fromDate = parsed({ status: 503, body, headers: { 'Retry-After': date } }).retryAfterMs ?? -1;
    expect(fromDate).toBeGreaterThan(50_000);
    expect(fromDate).toBeLessThanOrEqual(60_000);
    expect(parsed({ status: 503, body, headers: { 'retry-after': 'soon' } }).retryAfterMs).toBeUndefined();
  });
});

describe('options', () => {
  it('retries and method are kept', () => {
    const error = parsed({ status: 503, body: BCE_BODY }, { retries: 3, method: 'PUT' });
    expect([error.retries, error.method]).toEqual([3, 'PUT']);
  });
  it.each(SDK_STYLES)('style %s is kept on the error', (style: SdkStyle) => {
    expect(parsed({ status: 500, body: BCE_BODY }, { style }).style).toBe(style);
  });
});
