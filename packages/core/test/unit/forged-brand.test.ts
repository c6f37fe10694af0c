import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  BceClientError,
  BceError,
  BceServiceError,
  isBceClientError,
  isBceError,
  isBceServiceError,
  toBceError,
} from '../../src/index.js';

// The brand is what lets an error of a second copy of the package (or another realm) pass as a BceError, and a
// BceError is trusted as already redacted: toBceError returns it as it is and a cause chain keeps it as it is. So a
// value that only carries the brand symbol must not pass: it would smuggle its secrets past the sanitiser.

const BRAND = Symbol.for('bce-errors.error');
const SECRET = 'bce-auth-v1/AKIDFORGED/2024-01-01T00:00:00Z/1800/host/0123456789abcdef';
const AUTHORIZATION = `Authorization: ${SECRET}`;

/** How this package's constructors brand an error: an own, read-only, hidden property of a real Error. */
function brandLikeTheConstructor(error: Error, kind: 'base' | 'service' | 'client'): Error {
  Object.defineProperty(error, BRAND, { value: kind, enumerable: false });
  return error;
}

class ForeignWithField extends Error {
  [BRAND] = 'service';
  config = { headers: { Authorization: SECRET } };
}

class ForeignWithPrototypeBrand extends Error {
  // eslint-disable-next-line @typescript-eslint/class-literal-property-style -- a prototype getter is the forgery tested
  get [BRAND](): string {
    return 'client';
  }
}

const forged: [string, () => unknown][] = [
  ['a plain object', () => ({ [BRAND]: 'service', message: AUTHORIZATION, code: 'NoSuchKey' })],
  [
    'a plain object with a hidden brand',
    () => Object.defineProperty({ message: AUTHORIZATION }, BRAND, { value: 'client' }),
  ],
  [
    'an object inheriting from Error.prototype',
    () => Object.assign(Object.create(Error.prototype) as object, { [BRAND]: 'client', message: AUTHORIZATION }),
  ],
  [
    'an object spoofing the Error tag',
    () => ({ [BRAND]: 'client', [Symbol.toStringTag]: 'Error', message: AUTHORIZATION }),
  ],
  ['a foreign class with a brand field', () => new ForeignWithField(AUTHORIZATION)],
  ['a foreign class with a brand getter on its prototype', () => new ForeignWithPrototypeBrand(AUTHORIZATION)],
  ['an Error with a writable brand', () => Object.assign(new Error(AUTHORIZATION), { [BRAND]: 'client' })],
  [
    'a proxy around a real BceClientError',
    () => new Proxy(new BceClientError({ style: 'go', transportCode: 'Timeout' }), {}),
  ],
  [
    'a plain object from another realm',
    () =>
      runInNewContext(
        `({ [Symbol.for('bce-errors.error')]: 'client', message: ${JSON.stringify(AUTHORIZATION)} })`,
      ) as unknown,
  ],
];

describe('a value that only carries the brand is not a BceError', () => {
  it.each(forged)('%s', (_label, make) => {
    const value = make();
    expect([isBceError(value), isBceServiceError(value), isBceClientError(value)]).toEqual([false, false, false]);
    expect(value instanceof BceError).toBe(false);
    expect(value instanceof BceServiceError || value instanceof BceClientError).toBe(false);
    expect(BceError.isInstance(value)).toBe(false);
  });

  it.each(forged)('%s: toBceError converts it (redacted) instead of returning it as it is', (_label, make) => {
    const value = make();
    const error = toBceError(value);
    expect(error).not.toBe(value);
    expect(isBceError(error)).toBe(true);
    expect(JSON.stringify(error)).not.toContain('AKIDFORGED');
    expect(error.message).not.toContain('AKIDFORGED');
  });

  it.each(forged)('%s: as a cause, it is copied and redacted, never kept', (_label, make) => {
    const value = make();
    const error = new BceClientError({ style: 'go', transportCode: 'Unknown', cause: value });
    expect(error.cause).not.toBe(value);
    const cause = error.cause as { message?: string; stack?: string; config?: unknown } | undefined;
    expect(cause?.message ?? '').not.toContain('AKIDFORGED');
    expect(cause?.stack ?? '').not.toContain('AKIDFORGED');
    expect(cause?.config).toBeUndefined();
  });
});

describe('genuine errors still pass, from this copy, a second copy and another realm', () => {
  it('errors this copy built, and subclasses of them', () => {
    class Custom extends BceServiceError {}
    const service = new Custom({ style: 'go', code: 'X', errorMessage: 'm', requestId: '', statusCode: 500 });
    const client = new BceClientError({ style: 'go', transportCode: 'Timeout' });
    expect([isBceServiceError(service), service instanceof BceError, isBceClientError(client)]).toEqual([
      true,
      true,
      true,
    ]);
    expect(toBceError(service)).toBe(service);
    expect(new BceClientError({ style: 'go', transportCode: 'Unknown', cause: service }).cause).toBe(service);
  });

  it('an Error branded as the constructors do (what a second copy of the package builds) passes', () => {
    const second = brandLikeTheConstructor(new Error('second copy'), 'service');
    expect(isBceServiceError(second)).toBe(true);
    expect(second instanceof BceServiceError).toBe(true);
    expect(second instanceof BceClientError).toBe(false);
    expect(toBceError(second)).toBe(second);
  });

  it('an Error of another realm, branded as the constructors do, passes', () => {
    const foreign: unknown = runInNewContext(
      "Object.defineProperty(new Error('x'), Symbol.for('bce-errors.error'), { value: 'client', enumerable: false })",
    );
    expect(foreign instanceof Error).toBe(false);
    expect(isBceClientError(foreign)).toBe(true);
    expect(foreign instanceof BceClientError).toBe(true);
  });
});
