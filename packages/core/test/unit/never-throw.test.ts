import { describe, expect, it } from 'vitest';
import {
  BceClientError,
  BceServiceError,
  isBceError,
  isBceServiceError,
  parseServiceError,
  SDK_STYLES,
  toBceError,
  type ServiceErrorResponse,
} from '../../src/index.js';

// parseServiceError and toBceError are documented never to throw on the value they are given: they run inside a
// caller's catch block, where an exception of their own would replace the failure being handled.

const trap = (): never => {
  throw new Error('hostile access');
};
const everyTrap: ProxyHandler<object> = {
  get: trap,
  has: trap,
  ownKeys: trap,
  getOwnPropertyDescriptor: trap,
  getPrototypeOf: trap,
  setPrototypeOf: trap,
  defineProperty: trap,
  deleteProperty: trap,
  set: trap,
  isExtensible: trap,
  preventExtensions: trap,
  apply: trap,
  construct: trap,
};

function revokedProxy(): object {
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  return revocable.proxy;
}

function withThrowingGetter(base: Record<string, unknown>, key: string): object {
  return Object.defineProperty({ ...base }, key, { get: trap, enumerable: true });
}

const throwingToString = { toString: trap, valueOf: trap, [Symbol.toPrimitive]: trap };
const body = '{"code":"NoSuchKey","message":"m","requestId":"r"}';

describe('parseServiceError never throws on the response', () => {
  const responses: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', '404'],
    ['a symbol', Symbol('response')],
    ['a function', () => 404],
    ['a proxy whose every trap throws', new Proxy({}, everyTrap)],
    ['a revoked proxy', revokedProxy()],
    ['a throwing status getter', withThrowingGetter({ headers: {}, body }, 'status')],
    ['a throwing headers getter', withThrowingGetter({ status: 404, body }, 'headers')],
    ['a throwing body getter', withThrowingGetter({ status: 404, headers: {} }, 'body')],
    ['a throwing statusText getter', withThrowingGetter({ status: 404, headers: {}, body }, 'statusText')],
    ['a status whose toString throws', { status: throwingToString, headers: {}, body }],
    ['a statusText whose toString throws', { status: 404, statusText: throwingToString, headers: {}, body }],
    ['a body whose toString throws', { status: 404, headers: {}, body: throwingToString }],
    ['headers that are a hostile proxy', { status: 404, headers: new Proxy({}, everyTrap), body }],
    ['headers that are a revoked proxy', { status: 404, headers: revokedProxy(), body }],
    ['headers whose get throws', { status: 404, headers: { get: trap }, body }],
    ['a header with a throwing getter', { status: 404, headers: withThrowingGetter({}, 'x-bce-request-id'), body }],
  ];

  it.each(responses)('%s: a service error (or undefined), never an exception, in every style', (_label, response) => {
    for (const style of SDK_STYLES) {
      let result: BceServiceError | undefined;
      expect(() => {
        result = parseServiceError(response as ServiceErrorResponse, { style });
      }).not.toThrow();
      if (result !== undefined) {
        expect(isBceServiceError(result)).toBe(true);
        expect(typeof result.code).toBe('string');
        expect(typeof result.message).toBe('string');
        expect(() => JSON.stringify(result)).not.toThrow();
      }
    }
  });

  it('null and undefined read as a response with nothing known: status 0, as a missing status does', () => {
    for (const response of [null, undefined]) {
      const error = parseServiceError(response as unknown as ServiceErrorResponse);
      expect(error).toBeInstanceOf(BceServiceError);
      expect(error?.toJSON()).toEqual(parseServiceError({} as ServiceErrorResponse)?.toJSON());
      expect(error?.statusCode).toBe(0);
    }
  });

  it('a throwing getter loses only its own field: the status, body and headers that can be read still count', () => {
    const noHeaders = parseServiceError(withThrowingGetter({ status: 404, body }, 'headers') as ServiceErrorResponse);
    expect([noHeaders?.statusCode, noHeaders?.code, noHeaders?.requestId]).toEqual([404, 'NoSuchKey', 'r']);
    const noBody = parseServiceError(
      withThrowingGetter({ status: 404, headers: { 'x-bce-request-id': 'h' } }, 'body') as ServiceErrorResponse,
    );
    // A body that cannot be read is not a body at all (P5), like one whose read failed before its first byte.
    expect([noBody?.statusCode, noBody?.code, noBody?.requestId]).toEqual([404, 'NotFound', 'h']);
    const noStatus = parseServiceError(withThrowingGetter({ headers: {}, body }, 'status') as ServiceErrorResponse);
    expect([noStatus?.statusCode, noStatus?.code]).toEqual([0, 'NoSuchKey']);
  });
});

describe('toBceError never throws on the value it is given', () => {
  const values: [string, unknown][] = [
    ['a proxy whose every trap throws', new Proxy({}, everyTrap)],
    ['a function proxy whose every trap throws', new Proxy(() => 1, everyTrap)],
    ['a revoked proxy', revokedProxy()],
    ['an object whose toString throws', throwingToString],
    ['an Error whose toString throws', Object.assign(new Error('x'), { toString: trap })],
    ['an Error with a throwing name getter', Object.defineProperty(new Error('x'), 'name', { get: trap })],
    ['an Error with a throwing stack getter', Object.defineProperty(new Error('x'), 'stack', { get: trap })],
    ['an Error with a throwing code getter', Object.defineProperty(new Error('x'), 'code', { get: trap })],
    ['a message whose toString throws', { message: throwingToString }],
    ['a null-prototype object', Object.create(null) as object],
    ['a response with a throwing status getter', { response: withThrowingGetter({}, 'status') }],
    ['a response that is a revoked proxy', { response: revokedProxy() }],
    [
      'a response with hostile headers and data',
      { response: { status: 500, headers: new Proxy({}, everyTrap), data: throwingToString } },
    ],
    ['a response with a throwing data getter', { response: withThrowingGetter({ status: 500, headers: {} }, 'data') }],
    ['errors that are a hostile proxy', { errors: new Proxy([], everyTrap) }],
    ['a cause that is a hostile proxy', { cause: new Proxy({}, everyTrap) }],
    ['a throwing brand getter', Object.defineProperty({}, Symbol.for('bce-errors.error'), { get: trap })],
    ['null', null],
    ['a bigint', 10n],
  ];

  it.each(values)('%s', (_label, value) => {
    for (const style of SDK_STYLES) {
      let error: unknown;
      expect(() => {
        error = toBceError(value, { style });
      }).not.toThrow();
      expect(isBceError(error)).toBe(true);
      expect(error instanceof BceClientError || error instanceof BceServiceError).toBe(true);
      expect(() => JSON.stringify(error)).not.toThrow();
      expect(() => String(error)).not.toThrow();
    }
  });

  it('options whose getters throw are invalid options: a TypeError that says so, not the getter error', () => {
    const options = withThrowingGetter({}, 'style');
    expect(() => toBceError(new Error('x'), options)).toThrow(TypeError);
    expect(() => toBceError(new Error('x'), options)).toThrow(/toBceError: the option 'style' could not be read/);
    expect(() => parseServiceError({ status: 404, headers: {}, body: '' }, options)).toThrow(
      /parseServiceError: the option 'style' could not be read/,
    );
  });
});
