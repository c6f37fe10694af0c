import { describe, expectTypeOf, it } from 'vitest';
import {
  BceServiceError,
  hasCode,
  parseServiceError,
  type BceError,
  type BceServiceErrorInit,
  type KnownErrorCode,
} from '../../src/index.js';

// Checked by `tsc` (core's typecheck); at run time `expectTypeOf` does nothing.
describe('types: the code of a service error', () => {
  type Code = BceServiceError['code'];

  it('takes a catalog code and any other string, and keeps the catalog codes for completion', () => {
    expectTypeOf<'AccessDenied'>().toExtend<Code>();
    expectTypeOf<'InstanceNotFound'>().toExtend<Code>();
    // A code of a service the catalog does not cover (BOS), and any string at all.
    expectTypeOf<'NoSuchKey'>().toExtend<Code>();
    expectTypeOf<string>().toExtend<Code>();
    expectTypeOf<KnownErrorCode>().toExtend<Code>();
    // Still a string wherever one is expected.
    expectTypeOf<Code>().toExtend<string>();
    expectTypeOf<BceServiceErrorInit['code']>().toEqualTypeOf<Code>();
  });

  it('compares with catalog codes and other strings, and hasCode still narrows', () => {
    const error = parseServiceError({ status: 404, headers: {}, body: '{"code":"NoSuchKey"}' });
    const matches: boolean[] = [error?.code === 'NoSuchKey', error?.code === 'AccessDenied'];
    expectTypeOf(matches).toEqualTypeOf<boolean[]>();
    const init: BceServiceErrorInit = {
      style: 'go',
      code: 'NoSuchKey',
      errorMessage: '',
      requestId: '',
      statusCode: 404,
    };
    expectTypeOf(new BceServiceError(init).code).toEqualTypeOf<Code>();
    if (hasCode(error, 'AccessDenied')) expectTypeOf(error.code).toEqualTypeOf<'AccessDenied'>();
  });
});

describe('types: the request of an error', () => {
  it('is a readonly method and URL, or undefined', () => {
    expectTypeOf<BceError['request']>().toEqualTypeOf<{ readonly method: string; readonly url: string } | undefined>();
  });
});
