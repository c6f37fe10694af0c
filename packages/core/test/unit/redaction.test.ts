import { inspect, format } from 'node:util';
import { startMockServer, unusedPortUrl, type MockServer } from '@bce-errors/mock-server';
import axios from 'axios';
import got from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptError, resolveAdapterOptions, type AttemptFacts } from '../../src/adapter.js';
import { redactUrl } from '../../src/errors/redact-url.js';
import {
  BceClientError,
  type BceError,
  fromJSON,
  isBceClientError,
  isBceServiceError,
  parseServiceError,
  redactText,
  SDK_STYLES,
  toBceError,
} from '../../src/index.js';
import { rejectionOf } from '../support/rejection-of.js';

// The credential-leak audit at core level (contract A, last bullet): whatever a cause or a response carried, no
// serialisation a logger would use shows a credential.

const MARKERS = ['SECRETSIG', 'SECRETTOKEN', 'SECRETCOOKIE', 'SECRETQUERY', 'SECRETBEARER', 'SECRETUSERINFO'] as const;
const SIGNATURE = 'bce-auth-v1/ak/2024-01-01T00:00:00Z/1800/host/SECRETSIG';
const QUERY = 'authorization=bce-auth-v1%2Fak%2F2024-01-01T00%3A00%3A00Z%2F1800%2Fhost%2FSECRETQUERY';
const PRESIGNED_URL = `https://bucket.bj.bcebos.com/photo.jpg?${QUERY}&x-bce-range=0-9`;
const HEADER_LINES = [
  `Authorization: ${SIGNATURE}`,
  'x-bce-security-token: SECRETTOKEN',
  'Cookie: session=SECRETCOOKIE',
  'Set-Cookie: id=SECRETCOOKIE; Path=/; HttpOnly',
  'Proxy-Authorization: Bearer SECRETBEARER',
].join('\r\n');
const BEARER = 'the gateway said: token Bearer SECRETBEARER was rejected';
const SECRET_HEADERS = {
  Authorization: SIGNATURE,
  'x-bce-security-token': 'SECRETTOKEN',
  Cookie: 'session=SECRETCOOKIE',
};
// Node keeps Set-Cookie (and any repeated header) as an array; inspect and JSON print it in brackets.
const NODE_HEADERS = {
  'set-cookie': ['id=SECRETCOOKIE; Path=/', 'other=SECRETCOOKIE; Path=/'],
  'x-bce-security-token': ['SECRETTOKEN'],
  authorization: 'Bearer SECRETBEARER',
};
const EVERYTHING = [
  HEADER_LINES,
  `GET ${PRESIGNED_URL}`,
  BEARER,
  inspect(NODE_HEADERS),
  JSON.stringify(NODE_HEADERS),
].join('\n');

let server: MockServer;
let refusedUrl: string;

beforeAll(async () => {
  server = await startMockServer();
  refusedUrl = await unusedPortUrl();
  // A server that echoes credentials back (Java SDK >= 0.10.427 puts a header dump in 5xx messages).
  server.route('/echo', {
    status: 403,
    headers: { 'x-bce-request-id': SIGNATURE, 'set-cookie': ['id=SECRETCOOKIE'] },
    body: JSON.stringify({ code: 'SignatureDoesNotMatch', message: EVERYTHING, requestId: `req ${QUERY}` }),
  });
  server.route('/proxy-page', { status: 502, body: `<html><pre>${EVERYTHING}</pre></html>` });
  server.route('/hang', { status: 200, fault: 'no-response', holdMs: 5000 });
});

afterAll(async () => {
  await server.close();
});

/** pino's err serializer: type, message, stack, every enumerable property, and the cause, recursively. */
function pinoStyle(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 10) return error;
  const serialized: Record<string, unknown> = {
    type: error.constructor.name,
    message: error.message,
    stack: error.stack,
  };
  for (const key in error) {
    const value: unknown = (error as unknown as Record<string, unknown>)[key];
    serialized[key] = value instanceof Error ? pinoStyle(value, depth + 1) : value;
  }
  if (error.cause !== undefined) serialized.cause = pinoStyle(error.cause, depth + 1);
  return serialized;
}

function safeJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) => (typeof member === 'bigint' ? member.toString() : member));
}

/** The cause chain, including aggregated errors, as far as it goes. */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && chain.length < 50) {
    const current = queue.shift();
    if (current === null || typeof current !== 'object') continue;
    const cause = (current as { cause?: unknown }).cause;
    if (cause !== undefined) {
      chain.push(cause);
      queue.push(cause);
    }
    const inner = (current as { errors?: unknown }).errors;
    if (Array.isArray(inner)) {
      chain.push(...(inner as unknown[]));
      queue.push(...(inner as unknown[]));
    }
  }
  return chain;
}

/** Every way a logger, an error tracker or a worker boundary turns an error into text. */
function serialisations(error: BceError): [string, string][] {
  const deep = { depth: Infinity, showHidden: true } as const;
  const texts: [string, string][] = [
    ['message', error.message],
    ['stack', error.stack ?? ''],
    ['String(e)', String(error)],
    ['JSON.stringify(e)', JSON.stringify(error)],
    ['util.inspect(e, showHidden)', inspect(error, deep)],
    ['util.inspect(e, getters)', inspect(error, { ...deep, getters: true })],
    ['console.log %o', format('%o', error)],
    ['console.log %O', format('%O', error)],
    ['own enumerable properties (pino)', safeJson(pinoStyle(error))],
    ['own entries (spread)', inspect(Object.fromEntries(Object.entries(error)), deep)],
    [
      'all own properties',
      inspect(
        Object.getOwnPropertyNames(error).map((key) => (error as unknown as Record<string, unknown>)[key]),
        deep,
      ),
    ],
    ['toJSON', inspect((error as { toJSON?: () => unknown }).toJSON?.(), deep)],
    ['structuredClone', inspect(structuredClone(error), deep)],
  ];
  if (isBceServiceError(error) || isBceClientError(error)) {
    texts.push(['fromJSON(toJSON())', inspect(fromJSON(JSON.stringify(error)), deep)]);
  }
  causeChain(error).forEach((cause, index) => {
    texts.push([`cause ${String(index)} inspect`, inspect(cause, deep)]);
    if (cause instanceof Error) {
      texts.push([`cause ${String(index)} message`, cause.message]);
      texts.push([`cause ${String(index)} stack`, cause.stack ?? '']);
    }
  });
  return texts;
}

function expectNoSecret(error: BceError): void {
  for (const [how, text] of serialisations(error)) {
    for (const marker of MARKERS) {
      if (text.toUpperCase().includes(marker)) {
        expect.fail(`${marker} leaked through ${how} of ${error.name}:\n${text}`);
      }
    }
  }
}

/** The raw value does hold the secret, so a clean result means it was removed, not that it was never there. */
function expectRawHolds(raw: unknown, marker: (typeof MARKERS)[number]): void {
  expect(inspect(raw, { depth: Infinity, showHidden: true })).toContain(marker);
}

function errorWithStack(stack: string): Error {
  const error = new Error('benign');
  error.stack = stack;
  return error;
}

const causes: [string, unknown][] = [
  ['message', new Error(EVERYTHING)],
  [
    'stack',
    errorWithStack(
      `Error: benign\n    at request (${PRESIGNED_URL})\n${HEADER_LINES}\n${BEARER}\n${inspect(NODE_HEADERS)}`,
    ),
  ],
  [
    'properties (axios config, got options, headers, url, diagnostic fields)',
    Object.assign(new Error('request failed'), {
      config: { headers: SECRET_HEADERS, url: PRESIGNED_URL },
      options: { headers: { authorization: 'Bearer SECRETBEARER' }, url: new URL(PRESIGNED_URL) },
      headers: NODE_HEADERS,
      request: { _header: HEADER_LINES },
      response: { headers: NODE_HEADERS, data: EVERYTHING },
      url: PRESIGNED_URL,
      code: 'ESOMETHING x-bce-security-token=SECRETTOKEN',
      syscall: `connect ${BEARER}`,
      hostname: 'bucket.bj.bcebos.com',
      address: QUERY,
    }),
  ],
  [
    'a nested cause chain (fetch failed > Error > Error)',
    new Error('fetch failed', {
      cause: Object.assign(new Error(`inner ${HEADER_LINES}`, { cause: new Error(EVERYTHING) }), {
        config: { headers: SECRET_HEADERS },
      }),
    }),
  ],
  ['an AggregateError', new AggregateError([new Error(HEADER_LINES), new Error(PRESIGNED_URL), new Error(BEARER)], '')],
  ['a string', EVERYTHING],
  ['a plain object', { message: EVERYTHING, stack: EVERYTHING, config: { headers: SECRET_HEADERS } }],
];

describe('client errors from causes that hold credentials', () => {
  for (const style of SDK_STYLES) {
    it.each(causes)(`${style}: %s`, (_label, cause) => {
      expectNoSecret(toBceError(cause, { style, retries: 1 }));
    });
  }

  it('user-supplied attempt texts are redacted too (python lists every attempt)', () => {
    const error = new BceClientError({
      style: 'python',
      transportCode: 'ConnectionReset',
      retries: 2,
      cause: causes[0]?.[1],
      attemptTexts: [HEADER_LINES, PRESIGNED_URL, EVERYTHING],
    });
    expectNoSecret(error);
  });
});

describe('service errors from responses that echo credentials', () => {
  for (const style of SDK_STYLES) {
    it(`${style}: message, requestId and code from the body`, () => {
      const error = parseServiceError(
        {
          status: 500,
          headers: { 'set-cookie': ['id=SECRETCOOKIE'] },
          body: JSON.stringify({ code: `Err ${QUERY}`, message: EVERYTHING, requestId: SIGNATURE }),
        },
        { style },
      );
      if (error === undefined) throw new Error('expected an error');
      expectNoSecret(error);
    });

    it(`${style}: the header request id, and an HTML body kept as bodySnippet`, () => {
      const error = parseServiceError(
        { status: 502, headers: { 'x-bce-request-id': `rid ${QUERY}` }, body: `<html>${EVERYTHING}</html>` },
        { style },
      );
      expect(error?.bodySnippet).toBeDefined();
      if (error === undefined) throw new Error('expected an error');
      expectNoSecret(error);
    });

    it(`${style}: the start of a truncated message`, () => {
      const body = JSON.stringify({ code: 'X', message: `${EVERYTHING}${'x'.repeat(100_000)}` });
      const error = parseServiceError({ status: 500, headers: {}, body }, { style, maxErrorBodyBytes: 4096 });
      expect(error?.bodyTruncated).toBe(true);
      if (error === undefined) throw new Error('expected an error');
      expectNoSecret(error);
    });
  }

  it('fromJSON of a forged JSON document with credentials', () => {
    const forged = {
      schema: 'bce-errors/error@1',
      kind: 'client',
      style: 'go',
      message: EVERYTHING,
      transportCode: 'Timeout',
      attemptTexts: [EVERYTHING],
      cause: { name: 'Error', message: EVERYTHING, code: `E ${QUERY}` },
    };
    expectNoSecret(fromJSON(forged));
    expectNoSecret(
      fromJSON({
        schema: 'bce-errors/error@1',
        kind: 'service',
        style: 'java',
        statusCode: 500,
        message: EVERYTHING,
        errorMessage: EVERYTHING,
        requestId: SIGNATURE,
      }),
    );
  });
});

describe('raw errors of real clients that sent credentials', () => {
  const secretPath = `?${QUERY}`;

  it('axios: 404 (service), refused and timeout (client) with Authorization in config.headers', async () => {
    const raws = [
      await rejectionOf(axios.get(`${server.url}/missing${secretPath}`, { headers: SECRET_HEADERS })),
      await rejectionOf(axios.get(`${server.url}/echo${secretPath}`, { headers: SECRET_HEADERS })),
      await rejectionOf(axios.get(`${server.url}/proxy-page${secretPath}`, { headers: SECRET_HEADERS })),
      await rejectionOf(
        axios.get(`${refusedUrl}/${secretPath}`, {
          headers: { ...SECRET_HEADERS, Authorization: 'Bearer SECRETBEARER' },
        }),
      ),
      await rejectionOf(axios.get(`${server.url}/hang${secretPath}`, { headers: SECRET_HEADERS, timeout: 100 })),
    ];
    expectRawHolds(raws[0], 'SECRETSIG');
    expectRawHolds(raws[0], 'SECRETQUERY');
    expectRawHolds(raws[3], 'SECRETBEARER');
    const kinds = raws.map((raw) => {
      const error = toBceError(raw, { style: 'java' });
      expectNoSecret(error);
      return error.name;
    });
    expect(kinds).toEqual([
      'BceServiceError',
      'BceServiceError',
      'BceServiceError',
      'BceClientError',
      'BceClientError',
    ]);
  });

  it('got: HTTPError (service) and RequestError (client) with headers.authorization', async () => {
    const options = {
      retry: { limit: 0 },
      headers: {
        authorization: 'Bearer SECRETBEARER',
        cookie: 'session=SECRETCOOKIE',
        'x-bce-security-token': 'SECRETTOKEN',
      },
    };
    const raws = [
      await rejectionOf(got(`${server.url}/missing${secretPath}`, options)),
      await rejectionOf(got(`${server.url}/echo${secretPath}`, options)),
      await rejectionOf(got(`${refusedUrl}/${secretPath}`, options)),
      await rejectionOf(got(`${server.url}/hang${secretPath}`, { ...options, timeout: { request: 100 } })),
    ];
    expectRawHolds(raws[0], 'SECRETBEARER');
    expectRawHolds(raws[2], 'SECRETQUERY');
    const kinds = raws.map((raw) => {
      const error = toBceError(raw, { style: 'python' });
      expectNoSecret(error);
      return error.name;
    });
    expect(kinds).toEqual(['BceServiceError', 'BceServiceError', 'BceClientError', 'BceClientError']);
  });

  it('fetch: fetch failed with credential headers', async () => {
    const raw = await rejectionOf(fetch(`${refusedUrl}/${secretPath}`, { headers: SECRET_HEADERS }));
    const error = toBceError(raw, { style: 'go' });
    expect(error.name).toBe('BceClientError');
    expectNoSecret(error);
  });
});

describe('redactText: URL userinfo', () => {
  it('removes the userinfo of a URL in any text, once, and leaves e-mail addresses and paths alone', () => {
    const undici =
      'Request cannot be constructed from a URL that includes credentials: http://ak:SECRETSK@127.0.0.1:9/x';
    expect(redactText(undici)).toBe(
      'Request cannot be constructed from a URL that includes credentials: http://[REDACTED]@127.0.0.1:9/x',
    );
    expect(redactText(redactText(undici))).toBe(redactText(undici));
    expect(redactText('write to a@b.c or see https://example.com/a@b')).toBe(
      'write to a@b.c or see https://example.com/a@b',
    );
  });

  it('a fetch of a URL with credentials leaks them nowhere', async () => {
    const cause = await fetch('http://ak:SECRETSK@127.0.0.1:9/x').catch((error: unknown) => error);
    const error = attemptError(
      { retries: 0, thrown: cause, url: 'http://ak:SECRETSK@127.0.0.1:9/x' },
      resolveAdapterOptions({ style: 'python' }, 'test'),
    );
    expect(inspect(error, { depth: Infinity, showHidden: true })).not.toContain('SECRETSK');
    expect(JSON.stringify(error)).not.toContain('SECRETSK');
  });
});

describe('redactText', () => {
  it.each([
    ['a header line', `Authorization: ${SIGNATURE}`, 'Authorization: [REDACTED]'],
    ['a bare signature', `sig ${SIGNATURE} end`, 'sig bce-auth-v1/[REDACTED] end'],
    [
      'a query parameter',
      PRESIGNED_URL,
      'https://bucket.bj.bcebos.com/photo.jpg?authorization=[REDACTED]&x-bce-range=0-9',
    ],
    ['a JSON pair', '{"x-bce-security-token":"SECRETTOKEN","a":1}', '{"x-bce-security-token":"[REDACTED]","a":1}'],
    ['an inspect pair', "{ cookie: 'session=SECRETCOOKIE' }", "{ cookie: '[REDACTED]' }"],
    ['a bearer token', 'Bearer SECRETBEARER', 'Bearer [REDACTED]'],
    [
      'a JSON array value',
      '{"set-cookie":["a=SECRETCOOKIE","b=SECRETCOOKIE"],"x":1}',
      '{"set-cookie":[REDACTED],"x":1}',
    ],
    [
      'an inspect array value',
      "{ 'set-cookie': [ 'a=SECRETCOOKIE', 'b=2' ], x: 1 }",
      "{ 'set-cookie': [REDACTED], x: 1 }",
    ],
    [
      'an array value cut short (a body snippet)',
      "<pre>{ 'set-cookie': [ 'a=SECRETCOOKIE; Pa",
      "<pre>{ 'set-cookie': [REDACTED]",
    ],
    ['text without credentials', 'connect ECONNREFUSED 127.0.0.1:9', 'connect ECONNREFUSED 127.0.0.1:9'],
  ])('%s', (_label, text, expected) => {
    expect(redactText(text)).toBe(expected);
    // Idempotent: redacting twice (fromJSON of a redacted error) changes nothing.
    expect(redactText(redactText(text))).toBe(expected);
  });
});

describe('redactUrl: the URL an error keeps in request.url', () => {
  it.each([
    ['userinfo', 'http://ak:SECRETUSERINFO@host/path', 'http://[REDACTED]@host/path'],
    ['a user without a password', 'https://SECRETUSERINFO@host', 'https://[REDACTED]@host'],
    ['an @ in the password (the last @ ends it)', 'http://ak:SECRET@USERINFO@host/', 'http://[REDACTED]@host/'],
    ['a ? or # in the password', 'http://ak:SECRET?USER#INFO@host/x?a=1', 'http://[REDACTED]@host/x?a=1'],
    ['protocol-relative', '//ak:SECRETUSERINFO@host/x', '//[REDACTED]@host/x'],
    [
      'a presigned BOS URL',
      PRESIGNED_URL,
      'https://bucket.bj.bcebos.com/photo.jpg?authorization=[REDACTED]&x-bce-range=0-9',
    ],
    [
      'x-bce-security-token and its other spellings',
      '/k?x-bce-security-token=SECRETTOKEN&X_BCE_SECURITY_TOKEN=SECRETTOKEN&sessionToken=SECRETTOKEN&HTTP_X_BCE_SECURITY_TOKEN=SECRETTOKEN',
      '/k?x-bce-security-token=[REDACTED]&X_BCE_SECURITY_TOKEN=[REDACTED]&sessionToken=[REDACTED]&HTTP_X_BCE_SECURITY_TOKEN=[REDACTED]',
    ],
    [
      "a percent-encoded or upper-case name, other clouds' signatures",
      '/k?Authorization=SECRETQUERY&x%2Dbce%2Dsecurity%2Dtoken=SECRETTOKEN&X-Amz-Signature=SECRETSIG',
      '/k?Authorization=[REDACTED]&x%2Dbce%2Dsecurity%2Dtoken=[REDACTED]&X-Amz-Signature=[REDACTED]',
    ],
    ['a token in the fragment', '/cb#access=1&sessionToken=SECRETTOKEN', '/cb#access=1&sessionToken=[REDACTED]'],
    [
      "a bare token and other clouds' signing parameters, whatever their value",
      '/k?sign=SECRETSIG&X-Amz-Credential=SECRETQUERY&token=SECRETTOKEN&sig=x&t=1',
      '/k?sign=[REDACTED]&X-Amz-Credential=[REDACTED]&token=[REDACTED]&sig=[REDACTED]&t=1',
    ],
    // The signature's five segments, as redactText removes them from any text; the path after them stays.
    ['a signature in the path', `/sign/${SIGNATURE}/x`, '/sign/bce-auth-v1/[REDACTED]/x'],
    [
      'everything at once',
      `https://a:SECRETUSERINFO@h:8443/p?${QUERY}&x-bce-security-token=SECRETTOKEN#f`,
      'https://[REDACTED]@h:8443/p?authorization=[REDACTED]&x-bce-security-token=[REDACTED]#f',
    ],
    [
      'a URL without credentials',
      'https://bcc.bj.baidubce.com/v2/instance?marker=m&maxKeys=10',
      'https://bcc.bj.baidubce.com/v2/instance?marker=m&maxKeys=10',
    ],
    ['an @ in the path, not the authority', 'https://host/users/a@b.c?x=1', 'https://host/users/a@b.c?x=1'],
    ['a malformed escape', '/k?%E0%A4%A=1&authorization%=SECRETQUERY', '/k?%E0%A4%A=1&authorization%=[REDACTED]'],
    // WHATWG URL skips any run of `/` and `\`, even none, after a special scheme: these have userinfo too.
    ['userinfo without the //', 'http:ak:SECRETUSERINFO@host/k', 'http:[REDACTED]@host/k'],
    ['userinfo after /\\', 'http:/\\ak:SECRETUSERINFO@host/k', 'http:/\\[REDACTED]@host/k'],
    ['userinfo after one slash, upper case', 'HTTPS:/ak:SECRETUSERINFO@host', 'HTTPS:/[REDACTED]@host'],
    ['userinfo after leading spaces', '  wss:ak:SECRETUSERINFO@host/k', '  wss:[REDACTED]@host/k'],
    ['a non-special scheme without // has no authority', 'mailto:user@host', 'mailto:user@host'],
  ])('%s', (_label, url, expected) => {
    expect(redactUrl(url)).toBe(expected);
    // Idempotent: fromJSON redacts the URL of a rebuilt error again.
    expect(redactUrl(expected)).toBe(expected);
  });

  it('takes linear time on a long hostile URL', () => {
    const long = `http://${'a:'.repeat(50_000)}@h/?${'authorization=x&'.repeat(20_000)}${'@'.repeat(50_000)}`;
    const start = performance.now();
    expect(redactUrl(long)).not.toContain('authorization=x');
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('errors carry the request with its URL redacted', () => {
  const SECRET_URL = `https://ak:SECRETUSERINFO@bucket.bj.bcebos.com/photo.jpg?${QUERY}&x-bce-security-token=SECRETTOKEN`;
  const facts: [string, AttemptFacts][] = [
    [
      'a service error',
      {
        retries: 0,
        method: 'get',
        url: SECRET_URL,
        response: { status: 403, headers: {}, body: { bytes: null, truncated: false, incomplete: false } },
      },
    ],
    ['a client error', { retries: 1, method: 'put', url: new URL(SECRET_URL), thrown: new Error('socket hang up') }],
    ['a timeout', { retries: 0, url: SECRET_URL, thrown: new Error('canceled'), timedOut: true }],
  ];
  for (const style of SDK_STYLES) {
    it.each(facts)(`${style}: %s`, (_label, attempt) => {
      const error = attemptError(attempt, resolveAdapterOptions({ style }, 'test'));
      expect(error.request?.url).toBe(
        'https://[REDACTED]@bucket.bj.bcebos.com/photo.jpg?authorization=[REDACTED]&x-bce-security-token=[REDACTED]',
      );
      expectNoSecret(error);
    });
  }

  it('fromJSON of a forged JSON document with a secret URL', () => {
    const forged = {
      schema: 'bce-errors/error@1',
      kind: 'client',
      style: 'go',
      transportCode: 'Timeout',
      message: 'timed out',
      request: { method: 'GET', url: SECRET_URL },
    };
    const rebuilt = fromJSON(forged);
    expect(rebuilt.request?.url).not.toMatch(/SECRET/);
    expectNoSecret(rebuilt);
  });
});

describe('redactText: the widened rules leave texts without a credential alone', () => {
  it.each([
    // A label with an empty value, then the next header: only an indented line continues a value.
    'Authorization:\r\nHost: bj.bcebos.com',
    'x-bce-security-token:\n\nbody follows',
    // A label and a word after it: a value after blanks only must look like a credential (16 token characters, a
    // digit among them).
    'the authorization failed',
    'cookie was missing',
    'Authorization header is missing; set-cookie ignored',
    'x-bce-security-token is expired, sessionToken too',
    'authorization SignatureDoesNotMatch',
    'cookie   internationalization-settings',
    'secret_access_key of 32 characters',
    // `token`, `sig`, `sign`, `...signature` and `...credential` are words of prose too: their value must look like
    // a credential even after `:` or `=`.
    'the token expired',
    'Unexpected token: punc (})',
    'token=abc&mode=x',
    'Invalid signature: expected a hex digest; SignatureDoesNotMatch',
    'credential: not found in the environment',
    'sign in to continue; design: signal sig=9',
    // Markup around credential names that label nothing, and numeric entities after other names.
    '<Header name="Host">bj.bcebos.com</Header><Header name="cookie"/>',
    '<option name="token">a token</option><param name="signature" value="required"/>',
    '{"name":"Authorization","description":"the value: see docs"}',
    '[{"name":"cookie","size":1},{"name":"host","value":"bj.bcebos.com"}]',
    'Host&#58; bj.bcebos.com&#13;&#10;x-bce-date&#58; 2024-05-01T08:00:00Z',
    'token&#61;abc',
    // Percent-encoded names that are not credential names.
    'https://h/?mode=authorization%2Dcode&x%2Dbce%2Ddate%3D2024&cookie%2Dpolicy%3Dstrict',
    // A port, a host without userinfo or an IPv6 address before the first `/`: an `@` after it is in the path.
    'see https://host:8443/@scope/pkg, https://medium.com/@user, http://[::1]:80/a@b and http://[2001:db8::ff]/@x',
  ])('%j', (text) => {
    expect(redactText(text)).toBe(text);
  });
});
