import type { ErrorDialect, SdkStyle } from '@bce-errors/core';
import fc from 'fast-check';

/**
 * A hostile value (throwing proxy, throwing getter, revoked proxy) is built only inside the property: fast-check
 * itself inspects and prints generated values, and must not trip over them. A recipe prints as its description.
 */
class Recipe<T = unknown> {
  constructor(
    readonly description: string,
    readonly build: () => T,
  ) {}
  [fc.toStringMethod](): string {
    return this.description;
  }
}

function plain<T>(value: T): Recipe<T> {
  return new Recipe(fc.stringify(value), () => value);
}

/** Keys that pollute a prototype when a parser merges or assigns naively. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'get'];

/** Pieces of text that look like credentials or like what redaction leaves behind. */
const CREDENTIAL_FRAGMENTS = [
  'bce-auth-v1/ak/2024-01-01T00:00:00Z/1800/host/SIG',
  'bce-auth-v1/[REDACTED]',
  'bce-auth-v1/',
  'Authorization: bce-auth-v1/x',
  'authorization=bce-auth-v1%2FQ',
  'x-bce-security-token: TOKEN',
  'Cookie: session=abc',
  'set-cookie=a',
  'Bearer abc.def',
  'Basic dXNlcjpwYXNz',
  '[REDACTED]',
  '"authorization":"x"',
];

const anyUnit = fc.constantFrom<'grapheme' | 'binary' | 'binary-ascii'>('grapheme', 'binary', 'binary-ascii');

/** Random text of any kind: unicode (with lone surrogates), ASCII, control characters and credential-like pieces. */
export const textArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: anyUnit.chain((unit) => fc.string({ unit, maxLength: 24 })) },
      { weight: 1, arbitrary: fc.constantFrom(...CREDENTIAL_FRAGMENTS) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(...HOSTILE_KEYS, ' ', '', '\r\n', '"', '\\', '\u0000', '\uD800', 'é', '中文'),
      },
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

export const styleArb = fc.constantFrom<SdkStyle>('go', 'java', 'python');
const dialectArb = fc.constantFrom<ErrorDialect | undefined>('bce', 'auto', undefined);

/** Any status a caller could pass: mostly HTTP-like, also any integer, NaN, infinities, fractions and -0. */
export const statusArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 100, max: 599 }) },
  { weight: 1, arbitrary: fc.integer({ min: 600, max: 999 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Number.NaN,
      -1,
      0,
      -0,
      99,
      100,
      199,
      200,
      299,
      300,
      399,
      400,
      499,
      500,
      999,
      1000,
      2.5,
      Infinity,
      -Infinity,
    ),
  },
);

const requestIdNames = fc.constantFrom(
  'x-bce-request-id',
  'X-BCE-REQUEST-ID',
  'X-Bce-Request-Id',
  'x-request-id',
  'X-Request-Id',
);
const headerNameArb = fc.oneof(
  requestIdNames,
  fc.constantFrom(
    'x-bce-debug-id',
    'X-Bce-Debug-Id',
    'retry-after',
    'Retry-After',
    'RETRY-AFTER',
    'content-type',
    'content-encoding',
  ),
  fc.constantFrom(...HOSTILE_KEYS),
  textArb,
);

/** A header value as loose records hold them: text, lists, numbers, null, undefined and things that are none of these. */
const headerValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: textArb },
  { weight: 1, arbitrary: fc.array(textArb, { maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '120',
      '0',
      '9'.repeat(400),
      'Wed, 21 Oct 2015 07:28:00 GMT',
      'Thu, 01 Jan 2099 00:00:00 GMT',
      '-5',
      ' 7 ',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constant(null),
      fc.constant(undefined),
      fc.object({ maxDepth: 1 }),
    ),
  },
);

/** Defines own properties as data (so `__proto__` stays an own key and never sets the prototype). */
function ownRecord(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(record, key, { value, enumerable: true, configurable: true, writable: true });
  }
  return record;
}

function throwingProxy(): object {
  const fail = (): never => {
    throw new Error('hostile proxy trap');
  };
  return new Proxy(
    {},
    { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail, apply: fail },
  );
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** A WHATWG `Headers` built from what it accepts; names or values it rejects are skipped. */
function toHeadersObject(entries: readonly (readonly [string, unknown])[]): Headers {
  const headers = new Headers();
  for (const [name, value] of entries) {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      try {
        headers.append(name, String(item));
      } catch {
        // Not a valid header name or value for Headers: a real client never hands one over.
      }
    }
  }
  return headers;
}

const HEADER_SHAPES = [
  'Headers',
  'Map',
  'throwing get()',
  'throwing proxy',
  'revoked proxy',
  'not an object',
  'throwing getter',
  'record',
  'record',
  'record',
];

function buildHeaders(entries: readonly (readonly [string, unknown])[], shape: number): unknown {
  switch (shape) {
    case 0:
      return toHeadersObject(entries);
    case 1:
      return new Map(entries.map(([name, value]) => [name.toLowerCase(), value]));
    case 2:
      // A `get` that throws or returns things that are not text.
      return {
        get(name: string): unknown {
          if (name.length % 2 === 0) throw new Error('hostile get');
          return entries[0]?.[1];
        },
      };
    case 3:
      return throwingProxy();
    case 4:
      return revokedProxy();
    case 5:
      return [null, undefined, 'x-bce-request-id: r', 42][entries.length % 4];
    case 6: {
      // Getters that throw on some keys.
      const record = ownRecord(entries);
      Object.defineProperty(record, 'x-bce-request-id', {
        enumerable: true,
        get() {
          throw new Error('hostile getter');
        },
      });
      return record;
    }
    default:
      return ownRecord(entries);
  }
}

/** Headers in every shape a caller might hand over, including hostile ones (build them inside the property). */
export const headersArb: fc.Arbitrary<Recipe> = fc
  .tuple(fc.array(fc.tuple(headerNameArb, headerValueArb), { maxLength: 8 }), fc.nat({ max: 9 }))
  .map(
    ([entries, shape]) =>
      new Recipe(`${HEADER_SHAPES[shape] ?? 'record'} of ${fc.stringify(entries)}`, () => buildHeaders(entries, shape)),
  );

function jsonObjectText(entries: readonly (readonly [string, unknown])[]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${(JSON.stringify(value) as string | undefined) ?? 'null'}`).join(',')}}`;
}

const fieldKeyArb = fc.constantFrom(
  'code',
  'Code',
  'CODE',
  'message',
  'Message',
  'MESSAGE',
  'requestId',
  'RequestID',
  'requestid',
  'error_code',
  'error_msg',
  'request_id',
  'error',
  'statusCode',
  ...HOSTILE_KEYS,
);

/** A value where a string belongs, or anything else JSON can hold. */
const fieldValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: textArb },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.record({ code: textArb, message: textArb }) },
  { weight: 1, arbitrary: fc.constant({ polluted: 'yes' }) },
);

const jsonEntriesArb = fc.array(
  fc.tuple(fc.oneof({ weight: 4, arbitrary: fieldKeyArb }, { weight: 1, arbitrary: textArb }), fieldValueArb),
  {
    maxLength: 8,
  },
);

/** The text of a JSON object body with BCE, IAM and hostile keys. */
export const jsonBodyTextArb: fc.Arbitrary<string> = jsonEntriesArb.map(jsonObjectText);

const encoder = new TextEncoder();

/** Error bodies: none, bytes, text, JSON, JSON cut short, huge, deeply nested, already parsed objects. */
export const bodyArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      null,
      undefined,
      '',
      new Uint8Array(0),
      'null',
      '[]',
      '42',
      '"text"',
      '<html>502</html>',
    ),
  },
  { weight: 6, arbitrary: jsonBodyTextArb },
  { weight: 2, arbitrary: jsonBodyTextArb.map((text) => encoder.encode(text)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(jsonBodyTextArb, fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([text, at]) => text.slice(0, Math.floor(text.length * at))),
  },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 512 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }).map((bytes) => bytes.buffer) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 256 }) },
  {
    // Huge: past the default 64 KiB limit, a long message or a long garbage run.
    weight: 1,
    arbitrary: fc
      .tuple(jsonBodyTextArb, fc.integer({ min: 1, max: 150_000 }), fc.boolean())
      .map(([text, length, asJson]) =>
        asJson ? `{"code":"Big","message":"${'m'.repeat(length)}",${text.slice(1)}` : `${text}${'x'.repeat(length)}`,
      ),
  },
  {
    // Deep nesting, closed or not, at the top level or under a field.
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.nat({ max: 3 })).map(([depth, shape]) => {
      switch (shape) {
        case 0:
          return `${'['.repeat(depth)}${']'.repeat(depth)}`;
        case 1:
          return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
        case 2:
          return `{"code":"Deep","message":${'['.repeat(depth)}`;
        default:
          return `{"code":"Deep","nested":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"message":"after"}`;
      }
    }),
  },
  // A body a client already parsed (axios' default responseType), with hostile own keys.
  { weight: 1, arbitrary: jsonEntriesArb.map((entries) => ownRecord(entries)) },
);

/** Options of parseServiceError that are valid (invalid options are documented to throw a TypeError). */
export const parseOptionsArb = fc.record(
  {
    style: styleArb,
    dialect: dialectArb,
    retries: fc.nat({ max: 10 }),
    maxErrorBodyBytes: fc.oneof(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 200_000 })),
  },
  { requiredKeys: ['style'] },
);

export const statusTextArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  textArb,
  fc.constantFrom('', '   ', 'Not Found', 42, null),
);

type ErrorBase = 'error' | 'object' | 'null-proto' | 'function';
type FieldKind = 'value' | 'throwing-getter';

/** Makes an error-like value whose reads can throw, loop or lie. */
function hostileErrorLike(
  base: ErrorBase,
  fields: readonly (readonly [string, Recipe, FieldKind])[],
  cycle: boolean,
): object {
  const target: Record<string, unknown> =
    base === 'error'
      ? (new Error('hostile') as unknown as Record<string, unknown>)
      : base === 'null-proto'
        ? (Object.create(null) as Record<string, unknown>)
        : base === 'function'
          ? (Object.assign(() => undefined, {}) as unknown as Record<string, unknown>)
          : {};
  for (const [key, recipe, kind] of fields) {
    Object.defineProperty(
      target,
      key,
      kind === 'value'
        ? { value: recipe.build(), enumerable: true, configurable: true, writable: true }
        : {
            enumerable: true,
            configurable: true,
            get() {
              throw new Error(`hostile getter ${key}`);
            },
          },
    );
  }
  if (cycle) Object.defineProperty(target, 'cause', { value: target, enumerable: true, configurable: true });
  return target;
}

function throwingArrayProxy(): unknown[] {
  return new Proxy([], {
    get() {
      throw new Error('hostile array');
    },
  });
}

/** Objects whose every read throws: a proxy, a revoked proxy, an array proxy. */
const hostileObjectArb: fc.Arbitrary<Recipe> = fc.constantFrom(
  new Recipe<unknown>('throwing proxy', throwingProxy),
  new Recipe<unknown>('revoked proxy', revokedProxy),
  new Recipe<unknown>('throwing array proxy', throwingArrayProxy),
);

const thrownFieldKeyArb = fc.constantFrom(
  'code',
  'name',
  'message',
  'stack',
  'cause',
  'errors',
  'response',
  'config',
  'options',
  'request',
  'event',
  'syscall',
  'errno',
  'address',
  'port',
  'hostname',
  ...HOSTILE_KEYS,
);

/** An axios- or got-shaped response with hostile parts. */
const foreignResponseArb: fc.Arbitrary<Recipe> = fc
  .record({
    status: statusArb,
    statusCode: statusArb,
    statusText: statusTextArb,
    headers: headersArb,
    data: fc.oneof(
      { weight: 6, arbitrary: bodyArb.map((body) => plain<unknown>(body)) },
      { weight: 1, arbitrary: hostileObjectArb },
    ),
    rawBody: fc.oneof(
      {
        weight: 6,
        arbitrary: fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined }).map((body) => plain<unknown>(body)),
      },
      { weight: 1, arbitrary: hostileObjectArb },
    ),
  })
  .map(
    (response) =>
      new Recipe(
        `response ${fc.stringify({
          ...response,
          headers: response.headers.description,
          data: response.data.description,
          rawBody: response.rawBody.description,
        })}`,
        () => ({
          ...response,
          headers: response.headers.build(),
          data: response.data.build(),
          rawBody: response.rawBody.build(),
        }),
      ),
  );

const thrownFieldValueArb: fc.Arbitrary<Recipe> = fc.oneof(
  { weight: 3, arbitrary: textArb.map(plain) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'ECONNRESET',
        'ECONNREFUSED',
        'ETIMEDOUT',
        'ERR_CANCELED',
        'AbortError',
        'TimeoutError',
        'ERR_TLS_CERT_ALTNAME_INVALID',
        'connect',
        'HTTPError',
      )
      .map(plain),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.integer(), fc.double(), fc.bigInt(), fc.boolean(), fc.constant(null), fc.constant(undefined))
      .map((value) => plain<unknown>(value)),
  },
  { weight: 1, arbitrary: fc.constant(new Recipe<unknown>('Symbol(weird)', () => Symbol('weird'))) },
  {
    weight: 1,
    arbitrary: fc
      .anything({
        maxDepth: 2,
        withNullPrototype: true,
        withBigInt: true,
        withMap: true,
        withSet: true,
        withBoxedValues: true,
      })
      .map((value) => plain<unknown>(value)),
  },
  { weight: 2, arbitrary: hostileObjectArb },
  { weight: 2, arbitrary: foreignResponseArb },
  {
    // A request configuration that holds a credential.
    weight: 1,
    arbitrary: fc.constant(
      new Recipe<unknown>('config with Authorization', () => ({
        method: 'get',
        headers: { Authorization: 'bce-auth-v1/ak/2024/1800/host/SIG' },
      })),
    ),
  },
);

const WRAPS = [
  'as is',
  'under a fetch failed TypeError',
  'in an AggregateError',
  'under errors and cause.cause',
  'as is',
];

/** Any value a client, a library or hostile code could throw (build it inside the property). */
export const thrownArb: fc.Arbitrary<Recipe> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc
      .anything({
        maxDepth: 3,
        withNullPrototype: true,
        withBigInt: true,
        withMap: true,
        withSet: true,
        withBoxedValues: true,
        withTypedArray: true,
        withSparseArray: true,
      })
      .map((value) => plain<unknown>(value)),
  },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom<ErrorBase>('error', 'object', 'null-proto', 'function'),
        fc.array(
          fc.tuple(
            thrownFieldKeyArb,
            thrownFieldValueArb,
            fc.constantFrom<FieldKind>('value', 'value', 'value', 'throwing-getter'),
          ),
          {
            maxLength: 6,
          },
        ),
        fc.boolean(),
        fc.nat({ max: 4 }),
      )
      .map(
        ([base, fields, cycle, wrap]) =>
          new Recipe<unknown>(
            `${base} ${WRAPS[wrap] ?? ''}${cycle ? ' with cause = itself' : ''} { ${fields
              .map(([key, recipe, kind]) => `${key}: ${kind === 'value' ? recipe.description : 'throwing getter'}`)
              .join(', ')} }`,
            () => {
              const inner = hostileErrorLike(base, fields, cycle);
              // Sometimes nested under a cause chain or an AggregateError, as undici and happy-eyeballs do.
              if (wrap === 1) return new TypeError('fetch failed', { cause: inner });
              if (wrap === 2) return new AggregateError([inner, inner], '');
              if (wrap === 3) return Object.assign(new Error('wrapper'), { errors: [inner], cause: { cause: inner } });
              return inner;
            },
          ),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      new Recipe<unknown>('throwing proxy', throwingProxy),
      new Recipe<unknown>('revoked proxy', revokedProxy),
      new Recipe<unknown>('Symbol(thrown)', () => Symbol('thrown')),
      plain<unknown>(10n),
      plain<unknown>(undefined),
      plain<unknown>(null),
    ),
  },
);
