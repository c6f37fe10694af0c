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

describe('P2: body keys, per style', () => {
  it('reads the exact keys in every style', () => {
    for (const style of SDK_STYLES) {
      const error = parsed({ status: 404, body: BCE_BODY, headers: { 'x-bce-request-id': 'header-id' } }, { style });
      expect([error.code, error.errorMessage, error.requestId]).toEqual([
        'NoSuchKey',
        'The key does not exist',
        'body-id',
      ]);
    }
  });

  it('go: Code, MESSAGE and RequestID match ignoring case', () => {
    const error = parsed({ status: 403, body: '{"Code":"AccessDenied","MESSAGE":"no","RequestID":"r-9"}' });
    expect([error.code, error.errorMessage, error.requestId]).toEqual(['AccessDenied', 'no', 'r-9']);
  });

  it('go: the long s (U+017F) matches an s, as encoding/json folds it', () => {
    expect(parsed({ status: 404, body: '{"code":"X","me\u017f\u017fage":"folded"}' }).errorMessage).toBe('folded');
  });

  it.each([
    ['{"code":"A","Code":"B"}', 'B'],
    ['{"Code":"B","code":"A"}', 'A'],
    ['{"code":"A","CODE":"B","code":"C"}', 'C'],
  ])('P2 go last-key-wins: %s -> %s', (body, code) => {
    expect(parsed({ status: 404, body }).code).toBe(code);
  });

  it('go: a later message or requestId in another casing overwrites an earlier one', () => {
    const error = parsed({
      status: 404,
      body: '{"message":"first","Message":"second","requestId":"r-1","REQUESTID":"r-2"}',
      headers: { 'x-bce-request-id': 'hdr' },
    });
    expect([error.errorMessage, error.requestId]).toEqual(['second', 'r-2']);
  });

  it('go: a null value changes nothing', () => {
    const error = parsed({
      status: 404,
      body: '{"code":"A","Code":null,"message":"m","MESSAGE":null,"requestId":null}',
      headers: { 'x-bce-request-id': 'hdr' },
    });
    expect([error.code, error.errorMessage, error.requestId]).toEqual(['A', 'm', 'hdr']);
  });

  it.each(['java', 'python'] as const)('%s: exact-case keys only, the last duplicate winning', (style) => {
    const error = parsed(
      { status: 404, body: '{"code":"A","Code":"B","message":"m","MESSAGE":"x","requestId":"r","RequestID":"y"}' },
      { style },
    );
    expect([error.code, error.errorMessage, error.requestId]).toEqual(['A', 'm', 'r']);
    expect(parsed({ status: 404, body: '{"code":"A","code":"C","message":"m","requestId":"r"}' }, { style }).code).toBe(
      'C',
    );
  });

  it('java: {"Code":..} is no code, and without an exact message the reason phrase', () => {
    const error = parsed(
      {
        status: 404,
        body: '{"Code":"NoSuchKey","MESSAGE":"upper","RequestID":"rid-body"}',
        headers: { 'x-bce-request-id': 'rid-hdr' },
      },
      { style: 'java' },
    );
    expect([error.code, error.errorMessage, error.requestId]).toEqual(['', 'Not Found', 'rid-hdr']);
  });

  it('python: a missing exact key is a KeyError in the SDK, so the body is read as go reads it (D1)', () => {
    const error = parsed(
      {
        status: 404,
        body: '{"Code":"NoSuchKey","MESSAGE":"upper","RequestID":"rid-body"}',
        headers: { 'x-bce-request-id': 'rid-hdr' },
      },
      { style: 'python' },
    );
    expect([error.code, error.errorMessage, error.requestId]).toEqual(['NoSuchKey', 'upper', 'rid-body']);
    const noMessage = parsed({ status: 404, body: '{"code":"NoSuchKey","requestId":"rid-body"}' }, { style: 'python' });
    expect([noMessage.code, noMessage.errorMessage, noMessage.requestId]).toEqual([
      'NoSuchKey',
      'Not Found',
      'rid-body',
    ]);
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
    for (const style of SDK_STYLES) {
      expect(parsed({ status: 404, body: BCE_BODY, headers: { 'x-bce-request-id': 'h' } }, { style }).requestId).toBe(
        'body-id',
      );
    }
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
  it("go: a body requestId of '' is kept, as Go's decoder sets it", () => {
    const body = '{"code":"X","message":"m","requestId":""}';
    expect(parsed({ status: 404, body, headers: { 'x-bce-request-id': 'h' } }).requestId).toBe('');
  });
  it('java: the body requestId only with an exact message, else the header', () => {
    const headers = { 'x-bce-request-id': 'hdr' };
    expect(
      parsed({ status: 404, body: '{"code":"X","message":"m","requestId":"b"}', headers }, { style: 'java' }).requestId,
    ).toBe('b');
    expect(parsed({ status: 404, body: '{"code":"X","requestId":"b"}', headers }, { style: 'java' }).requestId).toBe(
      'hdr',
    );
    expect(
      parsed({ status: 404, body: '{"code":"X","message":"m","RequestID":"b"}', headers }, { style: 'java' }).requestId,
    ).toBe('hdr');
  });
  it('D3: a null body requestId gives the header in every style', () => {
    const body = '{"code":"X","message":"m","requestId":null}';
    for (const style of SDK_STYLES) {
      expect(parsed({ status: 404, body, headers: { 'x-bce-request-id': 'hdr' } }, { style }).requestId).toBe('hdr');
      expect(parsed({ status: 404, body }, { style }).requestId).toBe('');
    }
  });
  it('P3 header trim (D12): surrounding spaces and tabs are dropped in every style', () => {
    for (const style of SDK_STYLES) {
      expect(parsed({ status: 404, headers: { 'x-bce-request-id': '  rid-pad \t ' } }, { style }).requestId).toBe(
        'rid-pad',
      );
    }
  });
  it.each([
    ['go', 'rid-first'],
    ['java', 'rid-first'],
    ['python', 'rid-second'],
  ] as const)('P3 header dedupe: %s takes %s of a header that came twice', (style, expected) => {
    const joined = { 'x-bce-request-id': 'rid-first, rid-second' };
    expect(parsed({ status: 404, headers: joined }, { style }).requestId).toBe(expected);
    const array = { 'x-bce-request-id': ['rid-first', 'rid-second'] };
    expect(parsed({ status: 404, headers: array }, { style }).requestId).toBe(expected);
    const fetchHeaders = new Headers([
      ['x-bce-request-id', 'rid-first'],
      ['X-Bce-Request-Id', 'rid-second'],
    ]);
    expect(parsed({ status: 404, headers: fetchHeaders }, { style }).requestId).toBe(expected);
  });
  it('P3 header dedupe: an empty first value is the first value', () => {
    const headers = { 'x-bce-request-id': ', f18e' };
    expect(parsed({ status: 403, headers }, { style: 'go' }).requestId).toBe('');
    expect(parsed({ status: 403, headers }, { style: 'python' }).requestId).toBe('f18e');
  });
  it.each([
    ['go', '请求-1'],
    ['python', '请求-1'],
    ['java', 'è¯·æ±\u0082-1'],
  ] as const)('P3 header UTF-8: raw UTF-8 bytes read as Latin-1 -> %s gives %j', (style, expected) => {
    const latin1 = String.fromCharCode(...new TextEncoder().encode('请求-1'));
    expect(parsed({ status: 404, headers: { 'x-bce-request-id': latin1 } }, { style }).requestId).toBe(expected);
  });
  it('P3 header UTF-8: a Latin-1 value that is not valid UTF-8, or text past Latin-1, is kept', () => {
    expect(parsed({ status: 404, headers: { 'x-bce-request-id': 'caf\u00e9' } }).requestId).toBe('caf\u00e9');
    expect(parsed({ status: 404, headers: { 'x-bce-request-id': '请求-1' } }).requestId).toBe('请求-1');
  });
  it('P3 header UTF-8: a UTF-8 character ending in byte A0 is decoded before trimming', () => {
    const latin1 = String.fromCharCode(...new TextEncoder().encode('rid-à'));
    expect(parsed({ status: 404, headers: { 'x-bce-request-id': latin1 } }).requestId).toBe('rid-à');
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
    ['python', 400, 'Service  Temporarily   Unavailable', 'Service  Temporarily   Unavailable'],
    ['go', 502, 'not found', '502 not found'],
    ['go', 499, undefined, '499'],
    ['java', 499, undefined, ''],
    ['python', 404, '', 'Not Found'],
  ] as const)('%s status %i statusText %s -> %j', (style, status, statusText, expected) => {
    const error = parsed({ status, statusText, body: '{"code":"X","requestId":"r"}' }, { style });
    expect(error.errorMessage).toBe(expected);
    // P4 java no-message path: no exact non-null message, so the body's code and request id are not used either.
    expect([error.code, error.requestId]).toEqual(style === 'java' ? ['', ''] : ['X', 'r']);
  });

  it('P4 java no-message path: a null message is no message; the header request id', () => {
    const error = parsed(
      { status: 404, body: '{"code":"X","message":null,"requestId":"b"}', headers: { 'x-bce-request-id': 'hdr' } },
      { style: 'java' },
    );
    expect([error.code, error.errorMessage, error.requestId]).toEqual(['', 'Not Found', 'hdr']);
  });

  it("P4: an empty message is a message (go overwrites its fallback with '')", () => {
    for (const style of SDK_STYLES) {
      const error = parsed({ status: 400, body: '{"code":"X","message":"","requestId":"r"}' }, { style });
      expect([error.code, error.errorMessage, error.requestId]).toEqual(['X', '', 'r']);
    }
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
  it('D1: java and python read a null body as go does: {}, the fallback message, the header request id', () => {
    for (const style of SDK_STYLES) {
      const error = parsed({ status: 400, body: 'null', headers: { 'x-bce-request-id': 'hdr' } }, { style });
      expect([error.code, error.errorMessage, error.requestId]).toEqual([
        '',
        style === 'go' ? '400 Bad Request' : 'Bad Request',
        'hdr',
      ]);
    }
  });
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

describe("P7: nesting past Go's decoder limit (encoding/json fails beyond 10,000 levels)", () => {
  /** An error body whose `detail` member nests `levels` arrays inside the top-level object. */
  const nested = (levels: number): string =>
    `{"code":"Deep","message":"m","detail":${'['.repeat(levels)}${']'.repeat(levels)}}`;

  it.each(SDK_STYLES)('%s: 10,000 levels in all (the object and 9,999 arrays) read as usual', (style) => {
    expect(parsed({ status: 400, body: nested(9_999) }, { style }).code).toBe('Deep');
  });

  it.each(['go', 'python'] as const)(
    '%s: one level more is MalformedJSON (python: json.loads recurses out first, D1 reads it as go)',
    (style) => {
      const error = parsed({ status: 400, body: nested(10_000), headers: { 'x-bce-request-id': 'hdr' } }, { style });
      expect([error.code, error.requestId]).toEqual(['MalformedJSON', 'hdr']);
    },
  );
});

describe('P7: what counts as a JSON object body', () => {
  const bodies: [string, ServiceErrorResponse['body']][] = [
    ['HTML', '<html><body><h1>502 Bad Gateway</h1></body></html>'],
    ['an array', '[{"code":"X"}]'],
    ['a number', '42'],
    ['a string', '"NoSuchKey"'],
    ['true', 'true'],
    ['broken JSON', '{"code":"X",'],
    ['only whitespace', ' \r\n\t '],
    ['an object cut short', '{"code":"X","message":"m"'],
    ['a comment before the object (D7)', '/* c */ {"code":"X","message":"m","requestId":"r"}'],
    ['a comment inside the object (D7)', '{"code":"X", /* c */ "message":"m","requestId":"r"}'],
    ['invalid UTF-8 outside a string', new Uint8Array([0xff, 0x7b, 0x7d])],
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

  describe('invalid UTF-8 is replaced by U+FFFD and the body read (java and python: D1, read as go)', () => {
    // {"code":"NoSuchKey","message":"bad <FF> byte","requestId":"rid-body"}
    const bytes = encoder.encode('{"code":"NoSuchKey","message":"bad \u0000 byte","requestId":"rid-body"}');
    bytes[bytes.indexOf(0)] = 0xff;
    it.each(SDK_STYLES)('%s', (style) => {
      for (const body of [bytes, bytes.slice().buffer]) {
        const error = parsed({ status: 404, body, headers: { 'x-bce-request-id': 'hdr' } }, { style });
        expect([error.code, error.errorMessage, error.requestId]).toEqual(['NoSuchKey', 'bad \ufffd byte', 'rid-body']);
      }
    });
    it('every byte that does not start a valid sequence is one U+FFFD, as in Go', () => {
      const cut = encoder.encode('{"code":"X","message":"a\u0000\u0000b"}');
      const at = cut.indexOf(0);
      cut.set([0xe2, 0x82], at); // the first two bytes of a three-byte character
      expect(parsed({ status: 404, body: cut }).errorMessage).toBe('a\ufffd\ufffdb');
    });
    it('java with a key in another casing: D1 reads it as go does', () => {
      const body = encoder.encode('{"Code":"X","message":"m\u0000"}');
      body[body.indexOf(0)] = 0xff;
      expect(parsed({ status: 404, body }, { style: 'java' }).code).toBe('X');
    });
    it('java keeps what Jackson reads: an encoded surrogate (ED A0 80) is the lone surrogate', () => {
      const body = encoder.encode('{"code":"X","message":"a\u0000\u0000\u0000b","requestId":"r"}');
      body.set([0xed, 0xa0, 0x80], body.indexOf(0));
      expect(parsed({ status: 404, body }, { style: 'java' }).errorMessage).toBe('a\ud800b');
      expect(parsed({ status: 404, body }, { style: 'go' }).errorMessage).toBe('a\ufffd\ufffd\ufffdb');
      expect(parsed({ status: 404, body }, { style: 'python' }).errorMessage).toBe('a\ufffd\ufffd\ufffdb');
    });
  });

  it('leading whitespace is skipped in every style', () => {
    for (const style of SDK_STYLES) {
      expect(parsed({ status: 404, body: ` \r\n\t${BCE_BODY}\n` }, { style }).code).toBe('NoSuchKey');
    }
  });

  it.each([
    ['trailing bytes', `${BCE_BODY}x`],
    ['a second object', `${BCE_BODY}{"code":"Second","message":"2","requestId":"2"}`],
    ['trailing invalid JSON', `${BCE_BODY}]]]`],
  ])('P7 first value: %s after the object are ignored in every style (python: D1)', (_label, body) => {
    for (const style of SDK_STYLES) {
      const error = parsed({ status: 404, body, headers: { 'x-bce-request-id': 'hdr' } }, { style });
      expect([error.code, error.errorMessage, error.requestId]).toEqual([
        'NoSuchKey',
        'The key does not exist',
        'body-id',
      ]);
    }
  });

  it('P7 first value: python reads a body with trailing bytes as go does (D1), keys ignoring case', () => {
    const body = '{"Code":"A","message":"m","requestId":"r"} trailing';
    expect(parsed({ status: 404, body }, { style: 'python' }).code).toBe('A');
    expect(parsed({ status: 404, body: '{"Code":"A","message":"m","requestId":"r"}' }, { style: 'python' }).code).toBe(
      'A',
    );
  });

  it.each([
    ['go', 'MalformedJSON'],
    ['java', 'NoSuchKey'],
    ['python', 'MalformedJSON'],
  ] as const)('P7 BOM: a leading UTF-8 byte order mark, %s -> %s', (style, code) => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(BCE_BODY)]);
    for (const body of [bytes, `\ufeff${BCE_BODY}`]) {
      const error = parsed({ status: 404, body, headers: { 'x-bce-request-id': 'hdr' } }, { style });
      expect(error.code).toBe(code);
      expect(error.requestId).toBe(code === 'MalformedJSON' ? 'hdr' : 'body-id');
    }
  });

  it('P7 BOM: a body that is only a byte order mark is not empty', () => {
    for (const style of SDK_STYLES) {
      const code = parsed({ status: 404, body: new Uint8Array([0xef, 0xbb, 0xbf]) }, { style }).code;
      expect(code).toBe('MalformedJSON');
    }
  });

  it('keeps the start of an HTML body as bodySnippet, and none for JSON', () => {
    const html = `<html>${'x'.repeat(2000)}</html>`;
    const error = parsed({ status: 502, body: html });
    expect(error.bodySnippet?.startsWith('<html>xxx')).toBe(true);
    expect(error.bodySnippet?.length).toBeLessThanOrEqual(512);
    expect(parsed({ status: 404, body: BCE_BODY }).bodySnippet).toBeUndefined();
  });

  it('bodyIncomplete: an object cut short by the connection is MalformedJSON', () => {
    for (const style of SDK_STYLES) {
      const error = parsed(
        { status: 404, body: '{"code":"NoSuchKey","message":"cut', headers: { 'x-bce-request-id': 'hdr' } },
        { style, bodyIncomplete: true },
      );
      expect(error.code).toBe('MalformedJSON');
      expect(error.statusCode).toBe(404);
      expect(error.requestId).toBe('hdr');
      expect(error.bodyTruncated).toBe(false);
    }
  });

  it('bodyIncomplete: the bytes that did arrive are read; a whole object in them is used', () => {
    for (const style of SDK_STYLES) {
      const error = parsed({ status: 404, body: `${BCE_BODY}  ` }, { style, bodyIncomplete: true });
      expect([error.code, error.requestId]).toEqual(['NoSuchKey', 'body-id']);
    }
  });

  it('bodyIncomplete: no byte arrived is an empty body (P5)', () => {
    for (const style of SDK_STYLES) {
      const error = parsed(
        { status: 404, body: new Uint8Array(0), headers: { 'x-bce-request-id': 'hdr' } },
        { style, bodyIncomplete: true },
      );
      expect([error.code, error.requestId]).toEqual(['NotFound', 'hdr']);
    }
  });

  it('deep nesting after the fields is read without overflowing the stack', () => {
    const deep = `{"code":"X","message":"m","requestId":"r","d":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    for (const style of SDK_STYLES) {
      const code = parsed({ status: 404, body: deep }, { style, maxErrorBodyBytes: deep.length }).code;
      expect(['X', 'MalformedJSON']).toContain(code);
    }
  });
});

describe('P8: field values, per style', () => {
  it.each([
    ['a number code', '{"code":404,"message":"m","requestId":"r"}'],
    ['a boolean message', '{"code":"X","message":true,"requestId":"r"}'],
    ['a number requestId', '{"code":"X","message":"m","requestId":1.5}'],
    ['an object message', '{"code":"X","message":{"text":"m"},"requestId":"r"}'],
    ['an array code', '{"code":["X"],"message":"m","requestId":"r"}'],
    ['a non-string value under another casing', '{"code":"X","Message":7}'],
    ['a string statusCode', '{"code":"X","statusCode":"404"}'],
    ['a boolean StatusCode', '{"code":"X","StatusCode":true}'],
    ['a float statusCode', '{"code":"X","statusCode":404.5}'],
    ['an out-of-range statusCode', '{"code":"X","statusCode":99999999999999999999}'],
  ])('P8 go: %s makes the whole body MalformedJSON', (_label, body) => {
    const error = parsed({ status: 404, body, headers: { 'x-bce-request-id': 'hdr' } });
    expect([error.code, error.errorMessage, error.requestId]).toEqual([
      'MalformedJSON',
      'Service json error message decode failed',
      'hdr',
    ]);
  });

  it('P8 go: an integer or null statusCode is read and ignored (D2), an unknown key of any type too', () => {
    const body = '{"code":"X","statusCode":200,"details":{"a":[1,true]},"n":1.5,"message":"m"}';
    const error = parsed({ status: 404, body });
    expect([error.code, error.errorMessage, error.statusCode]).toEqual(['X', 'm', 404]);
    expect(parsed({ status: 404, body: '{"code":"X","statusCode":null}' }).code).toBe('X');
  });

  it.each(['java', 'python'] as const)('P8 %s: numbers and booleans become their JSON text', (style) => {
    const error = parsed({ status: 404, body: '{"code":404,"message":1.50,"requestId":true}' }, { style });
    expect([error.code, error.errorMessage, error.requestId]).toEqual(['404', '1.50', 'true']);
    const float = parsed({ status: 404, body: '{"code":"X","message":71.05298978276551,"requestId":"r"}' }, { style });
    expect(float.errorMessage).toBe('71.05298978276551');
  });

  it.each(['java', 'python'] as const)('P8 %s: an object or array value is MalformedJSON (D1/D8)', (style) => {
    for (const body of [
      '{"code":"X","message":{"text":"m"},"requestId":"r"}',
      '{"code":["X"],"message":"m","requestId":"r"}',
    ]) {
      const error = parsed({ status: 404, body, headers: { 'x-bce-request-id': 'hdr' } }, { style });
      expect([error.code, error.requestId]).toEqual(['MalformedJSON', 'hdr']);
    }
  });

  it('P8 java and python: a non-string value under a key they do not read changes nothing', () => {
    const body = '{"code":"X","message":"m","requestId":"r","Message":{"a":1},"statusCode":"x"}';
    for (const style of ['java', 'python'] as const) {
      expect(parsed({ status: 404, body }, { style }).code).toBe('X');
    }
  });

  it('P8 lone surrogates: go decodes \\ud800 to U+FFFD, java and python keep it', () => {
    const body = '{"code":"X","message":"bad \\ud800 surrogate","requestId":"r"}';
    expect(parsed({ status: 404, body }).errorMessage).toBe('bad \ufffd surrogate');
    expect(parsed({ status: 404, body }, { style: 'java' }).errorMessage).toBe('bad \ud800 surrogate');
    expect(parsed({ status: 404, body }, { style: 'python' }).errorMessage).toBe('bad \ud800 surrogate');
    // A pair stays one character; a low one alone, a reversed pair and one at the very end each become U+FFFD.
    const go = (text: string): string =>
      parsed({ status: 404, body: `{"code":"X","message":"${text}","requestId":"r"}` }).errorMessage;
    expect(go('pair \\ud83d\\ude00 ok')).toBe('pair \u{1f600} ok');
    expect(go('low \\udc00 alone')).toBe('low \ufffd alone');
    expect(go('reversed \\udc00\\ud800')).toBe('reversed \ufffd\ufffd');
    expect(go('at the end \\ud800')).toBe('at the end \ufffd');
    expect(go('raw \ud800 text')).toBe('raw \ufffd text');
    const pair = '{"code":"X","message":"\\ud83d\\ude00 \\udc00","requestId":"r"}';
    expect(parsed({ status: 404, body: pair }).errorMessage).toBe('\u{1f600} \ufffd');
  });

  it('P8 null: go keeps the fallback, java has no message (P4), python reads as go (D1)', () => {
    const body = '{"code":"X","message":null,"requestId":"r"}';
    const headers = { 'x-bce-request-id': 'hdr' };
    const go = parsed({ status: 404, body, headers });
    expect([go.code, go.errorMessage, go.requestId]).toEqual(['X', '404 Not Found', 'r']);
    const java = parsed({ status: 404, body, headers }, { style: 'java' });
    expect([java.code, java.errorMessage, java.requestId]).toEqual(['', 'Not Found', 'hdr']);
    const python = parsed({ status: 404, body, headers }, { style: 'python' });
    expect([python.code, python.errorMessage, python.requestId]).toEqual(['X', 'Not Found', 'r']);
  });
});

describe('P9: Content-Type is ignored', () => {
  it.each(['text/html', 'text/plain', 'application/octet-stream'])('a JSON body sent as %s is parsed', (type) => {
    expect(parsed({ status: 404, body: BCE_BODY, headers: { 'content-type': type } }).code).toBe('NoSuchKey');
  });
  it('an HTML body sent as application/json is malformed', () => {
    const error = parsed({ status: 404, body: '<html/>', headers: { 'content-type': 'application/json' } });
    expect(error.code).toBe('MalformedJSON');
  });
});

describe('P10: debugId and errorType', () => {
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

describe('P11: dialect, per style keys', () => {
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
  it('P11 per style keys: go matches the IAM keys ignoring case, java and python exactly', () => {
    const body = '{"Error_Code":"IAM.0001","Error_Msg":"bad token","Request_Id":"b-1"}';
    const go = parsed({ status: 400, body }, { dialect: 'auto' });
    expect([go.code, go.errorMessage, go.requestId]).toEqual(['IAM.0001', 'bad token', 'b-1']);
    const java = parsed({ status: 400, body, headers: { 'x-request-id': 'xr' } }, { style: 'java', dialect: 'auto' });
    expect([java.code, java.errorMessage, java.requestId]).toEqual(['', 'Bad Request', 'xr']);
    // Python's SDK raises KeyError on a body without `message`: D1 reads it as go does.
    const python = parsed({ status: 400, body }, { style: 'python', dialect: 'auto' });
    expect([python.code, python.errorMessage, python.requestId]).toEqual(['IAM.0001', 'bad token', 'b-1']);
    const exact = '{"code":"B","message":"m","requestId":"r","Error_Code":"IAM.1","Request_Id":"x"}';
    expect(parsed({ status: 400, body: exact }, { style: 'python', dialect: 'auto' }).code).toBe('B');
  });
  it('P11 java: an IAM message is a message, so the IAM code is kept', () => {
    for (const body of [
      '{"error_code":"IAM.0001","error_msg":"bad token"}',
      '{"error":{"code":"IAM.0002","message":"m"}}',
    ]) {
      const error = parsed({ status: 403, body }, { style: 'java', dialect: 'auto' });
      expect(error.code).toMatch(/^IAM\./);
    }
  });
  it('P11: the x-request-id header is read per style too (trimmed, python takes the last)', () => {
    const headers = { 'x-request-id': ' xr-1 , xr-2 ' };
    expect(parsed({ status: 400, body: '{}', headers }, { dialect: 'auto' }).requestId).toBe('xr-1');
    expect(parsed({ status: 400, body: '{}', headers }, { style: 'python', dialect: 'auto' }).requestId).toBe('xr-2');
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

  it('P12 per style keys: go lets a later key in another casing win, java and python read exact keys', () => {
    const body = `{"code":"A","Code":"B","message":"m","requestId":"r","padding":"${'p'.repeat(100)}"}`;
    expect(parsed({ status: 500, body }, { maxErrorBodyBytes: 80 }).code).toBe('B');
    expect(parsed({ status: 500, body }, { style: 'java', maxErrorBodyBytes: 80 }).code).toBe('A');
    expect(parsed({ status: 500, body }, { style: 'python', maxErrorBodyBytes: 80 }).code).toBe('A');
    const cased = `{"Code":"C","Message":"${'m'.repeat(100)}"}`;
    expect(parsed({ status: 500, body: cased }, { maxErrorBodyBytes: 40 }).errorMessage).toMatch(/^m+$/);
    const java = parsed({ status: 500, body: cased }, { style: 'java', maxErrorBodyBytes: 40 });
    expect([java.code, java.errorMessage]).toEqual(['', 'Internal Server Error']);
  });

  it('P12 go: a non-string code read whole before the cut is MalformedJSON; java keeps its text', () => {
    const body = `{"code":404,"message":"${'m'.repeat(100)}"}`;
    expect(parsed({ status: 500, body }, { maxErrorBodyBytes: 40 }).code).toBe('MalformedJSON');
    expect(parsed({ status: 500, body }, { style: 'java', maxErrorBodyBytes: 40 }).code).toBe('404');
  });

  it('P12: java keeps the code read whole when the message may lie past the cut', () => {
    const body = `{"code":"X","requestId":"r","padding":"${'p'.repeat(100)}","message":"m"}`;
    const error = parsed({ status: 500, body }, { style: 'java', maxErrorBodyBytes: 60 });
    expect([error.code, error.requestId, error.bodyTruncated]).toEqual(['X', 'r', true]);
  });

  it('P12: an object that ends before the cut is read whole, whatever follows it', () => {
    const body = `${BCE_BODY}${' '.repeat(100)}garbage`;
    for (const style of SDK_STYLES) {
      const error = parsed({ status: 500, body }, { style, maxErrorBodyBytes: BCE_BODY.length + 10 });
      expect([error.code, error.errorMessage, error.requestId]).toEqual([
        'NoSuchKey',
        'The key does not exist',
        'body-id',
      ]);
    }
  });

  it('P12: invalid UTF-8 before the cut is replaced, and a cut character at the end is dropped', () => {
    const start = encoder.encode('{"code":"X","message":"a');
    const bytes = new Uint8Array([...start, 0xff, ...encoder.encode('é'.repeat(50)), 0x22, 0x7d]);
    const error = parsed({ status: 500, body: bytes }, { maxErrorBodyBytes: start.length + 4 });
    expect(error.errorMessage).toBe('a�é');
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
  it("only own keys, in any casing: an inherited header is not the response's", () => {
    const inherited = Object.create({ 'X-Bce-Request-Id': 'inherited', 'x-bce-debug-id': 'inherited-d' }) as Record<
      string,
      string
    >;
    inherited['X-Bce-Debug-Id'] = 'own-d';
    const error = parsed({ status: 404, body, headers: inherited });
    expect([error.requestId, error.debugId]).toEqual(['', 'own-d']);
  });
  it('the first other casing in property order, when the exact name is absent', () => {
    const headers = { 'X-BCE-REQUEST-ID': 'first', 'X-Bce-Request-Id': 'second' };
    expect(parsed({ status: 404, body, headers }).requestId).toBe('first');
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
