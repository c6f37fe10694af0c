import { describe, expect, it } from 'vitest';
import {
  BceClientError,
  BceServiceError,
  ERROR_JSON_SCHEMA,
  fromJSON,
  isBceClientError,
  parseServiceError,
  type BceErrorJson,
} from '../../src/index.js';

// fromJSON reads data from anywhere (a worker, a queue, a log line). It either rebuilds an error that serialises
// back to the same JSON, or rejects with its own TypeError: never a NaN it cannot write back, never the exception
// of a getter it ran.

const trap = (): never => {
  throw new Error('getter exploded');
};

const service = (): BceErrorJson =>
  new BceServiceError({
    style: 'java',
    code: 'NoSuchKey',
    errorMessage: 'missing',
    requestId: 'rid',
    statusCode: 404,
    debugId: 'dbg',
    retries: 2,
    bodyTruncated: true,
    bodySnippet: '<html>',
    retryAfterMs: 1500,
    method: 'GET',
    request: { method: 'GET', url: 'http://127.0.0.1/key' },
  }).toJSON();

const client = (): BceErrorJson =>
  new BceClientError({
    style: 'python',
    transportCode: 'ConnectionReset',
    cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    retries: 3,
    sentRequestId: 'sent',
    attemptTexts: ['a', 'b', 'c', 'd'],
    request: { method: 'PUT', url: 'http://127.0.0.1/key' },
  }).toJSON();

function roundTrip(json: unknown): unknown {
  return JSON.parse(JSON.stringify(fromJSON(json))) as unknown;
}

describe('fromJSON rejects what it cannot rebuild exactly, with its own TypeError', () => {
  it.each([
    ['statusCode NaN', { statusCode: Number.NaN }],
    ['statusCode Infinity', { statusCode: Number.POSITIVE_INFINITY }],
    ['statusCode 3.5', { statusCode: 3.5 }],
    ['statusCode -1', { statusCode: -1 }],
    ['statusCode as text', { statusCode: '404' }],
    ['retries NaN', { retries: Number.NaN }],
    ['retries -1', { retries: -1 }],
    ['retries 1.5', { retries: 1.5 }],
    ['retryAfterMs NaN', { retryAfterMs: Number.NaN }],
    ['retryAfterMs -5', { retryAfterMs: -5 }],
    ['code a number', { code: 404 }],
    ['requestId an object', { requestId: { id: 1 } }],
    ['bodyTruncated a string', { bodyTruncated: 'yes' }],
    ['request without a url', { request: { method: 'GET' } }],
    ['message a number', { message: 7 }],
  ])('a service error with %s', (_label, change) => {
    const json = { ...service(), ...change };
    expect(() => fromJSON(json)).toThrow(TypeError);
    expect(() => fromJSON(json)).toThrow(/^fromJSON: /);
  });

  it.each([
    ['attemptTexts with a number', { attemptTexts: ['a', 2] }],
    ['attemptTexts a string', { attemptTexts: 'a' }],
    ['cause a string', { cause: 'boom' }],
    ['cause with a numeric message', { cause: { name: 'Error', message: 5 } }],
    ['transportCode a number', { transportCode: 5 }],
    ['sentRequestId a number', { sentRequestId: 5 }],
  ])('a client error with %s', (_label, change) => {
    const json = { ...client(), ...change };
    expect(() => fromJSON(json)).toThrow(/^fromJSON: /);
  });

  it.each([
    [
      'a throwing getter on style',
      () => Object.defineProperty({ ...service() }, 'style', { get: trap, enumerable: true }),
    ],
    [
      'a throwing getter on statusCode',
      () => Object.defineProperty({ ...service() }, 'statusCode', { get: trap, enumerable: true }),
    ],
    [
      'a throwing getter on schema',
      () => Object.defineProperty({ ...service() }, 'schema', { get: trap, enumerable: true }),
    ],
    [
      'a throwing getter inside cause',
      () => ({ ...client(), cause: Object.defineProperty({}, 'message', { get: trap, enumerable: true }) }),
    ],
    ['a throwing toJSON', () => ({ toJSON: trap })],
    [
      'a proxy whose every trap throws',
      () => new Proxy({}, { get: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, has: trap }),
    ],
    [
      'a cycle',
      () => {
        const json: Record<string, unknown> = { ...service() };
        json.self = json;
        return json;
      },
    ],
    ['a BigInt', () => ({ ...service(), retries: 1n })],
  ])('%s: a TypeError of fromJSON, not the raw exception', (_label, make) => {
    let thrown: unknown;
    try {
      fromJSON(make());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as Error).message).toMatch(/^fromJSON: /);
    expect((thrown as Error).message).not.toContain('getter exploded');
  });
});

describe('what fromJSON accepts round-trips exactly', () => {
  it.each([
    ['a full service error', service],
    ['a full client error', client],
    ['a parsed MalformedJSON error', () => parseServiceError({ status: 502, headers: {}, body: '<html>' })?.toJSON()],
    ['a minimal service error', () => ({ schema: ERROR_JSON_SCHEMA, kind: 'service', style: 'go', statusCode: 500 })],
    [
      'a minimal client error',
      () => ({ schema: ERROR_JSON_SCHEMA, kind: 'client', style: 'go', transportCode: 'Timeout' }),
    ],
  ])('%s: the rebuilt error writes back the JSON it was read from', (_label, make) => {
    const json = make();
    const once = roundTrip(json);
    expect(roundTrip(once)).toEqual(once);
    if (Object.keys(json as object).length > 5) expect(once).toEqual(JSON.parse(JSON.stringify(json)));
  });

  it('an error object itself is read as its JSON: fromJSON(error) is fromJSON(JSON.stringify(error))', () => {
    const error = new BceServiceError({ style: 'go', code: 'X', errorMessage: 'm', requestId: 'r', statusCode: 503 });
    expect(JSON.stringify(fromJSON(error))).toBe(JSON.stringify(fromJSON(JSON.stringify(error))));
  });

  it('documented: a transport code this version does not know reads as Unknown (a newer version may add codes)', () => {
    const rebuilt = fromJSON({ ...client(), transportCode: 'QuantumFailure' });
    expect(isBceClientError(rebuilt) && rebuilt.transportCode).toBe('Unknown');
  });
});
