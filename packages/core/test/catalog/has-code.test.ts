import { describe, expect, expectTypeOf, it } from 'vitest';
import { hasCode } from '../../src/catalog/has-code.js';
import { BceClientError } from '../../src/errors/bce-client-error.js';
import { BceServiceError } from '../../src/errors/bce-service-error.js';

function serviceError(code: string): BceServiceError {
  return new BceServiceError({ style: 'go', code, errorMessage: 'Access denied.', requestId: 'r-1', statusCode: 403 });
}

describe('hasCode', () => {
  it('is true for a BceServiceError with that code, and narrows it', () => {
    const error: unknown = serviceError('AccessDenied');
    expect(hasCode(error, 'AccessDenied')).toBe(true);
    if (hasCode(error, 'AccessDenied')) {
      expectTypeOf(error).toEqualTypeOf<BceServiceError & { readonly code: 'AccessDenied' }>();
      expectTypeOf(error.code).toEqualTypeOf<'AccessDenied'>();
      expectTypeOf(error.requestId).toEqualTypeOf<string>();
      expect(error.statusCode).toBe(403);
    }
  });

  it('accepts codes the catalog does not know, still narrowing', () => {
    const error: unknown = serviceError('NoSuchKey');
    if (hasCode(error, 'NoSuchKey')) expectTypeOf(error.code).toEqualTypeOf<'NoSuchKey'>();
    expect(hasCode(error, 'NoSuchKey')).toBe(true);
  });

  it('is false for another code, a client error and look-alikes', () => {
    expect(hasCode(serviceError('AccessDenied'), 'InvalidAccessKeyId')).toBe(false);
    expect(hasCode(new BceClientError({ style: 'go', transportCode: 'ConnectionReset' }), 'AccessDenied')).toBe(false);
    expect(hasCode({ code: 'AccessDenied' }, 'AccessDenied')).toBe(false);
    expect(hasCode(Object.assign(new Error('x'), { code: 'AccessDenied' }), 'AccessDenied')).toBe(false);
    expect(hasCode(undefined, 'AccessDenied')).toBe(false);
  });
});
