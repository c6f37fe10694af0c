import { describe, expect, it } from 'vitest';
import {
  BceClientError,
  catalogEntryForError,
  listErrors,
  lookupError,
  parseServiceError,
  type ParseServiceErrorOptions,
  retryPolicy,
  suggestErrorCodes,
  toBceError,
} from '../../src/index.js';
import { closestName } from '../../src/options/validate.js';

describe('closestName: the option a typo most likely meant', () => {
  const options = ['style', 'dialect', 'retry', 'honorRetryAfter', 'maxErrorBodyBytes', 'requestId'];

  it.each([
    ['maxErrorBodyByte', 'maxErrorBodyBytes'], // a letter missing
    ['maxErrorBodyBytess', 'maxErrorBodyBytes'], // one too many
    ['stlye', 'style'], // two neighbours swapped count once
    ['STYLE', 'style'], // case is not a typo
    ['requestID', 'requestId'],
    ['dialet', 'dialect'],
    ['retyr', 'retry'],
    ['honorRetryAftr', 'honorRetryAfter'],
  ])('%s -> %s', (typo, meant) => {
    expect(closestName(typo, options)).toBe(meant);
  });

  it.each(['timeout', 'headers', 'x', 'limit', 'maxRetries'])('%s: nothing close enough', (name) => {
    expect(closestName(name, options)).toBeUndefined();
  });

  it('prefers the nearer candidate, then the earlier one', () => {
    expect(closestName('maxRetry', ['maxRetries', 'maxRetryAfter'])).toBe('maxRetries');
    expect(closestName('ab', ['ac', 'ad'])).toBe('ac');
    expect(closestName('anything', [])).toBeUndefined();
  });

  it('short names allow one edit only', () => {
    expect(closestName('sty', ['style'])).toBeUndefined();
    expect(closestName('styl', ['style'])).toBe('style');
  });
});

describe("core's option-taking functions reject an unknown option name, as the adapters do", () => {
  const response = { status: 404, headers: {}, body: '{"code":"A","message":"m"}' };
  const PARSE_LIST = 'the options are style, dialect, retries, maxErrorBodyBytes';
  it.each([
    [
      'parseServiceError',
      () => parseServiceError(response, { stlye: 'java' } as never),
      `parseServiceError: unknown option 'stlye' (did you mean 'style'?); ${PARSE_LIST}.`,
    ],
    [
      'parseServiceError',
      () => parseServiceError({ ...response, status: 200 }, { maxErrorBodyByte: 10 } as never),
      `parseServiceError: unknown option 'maxErrorBodyByte' (did you mean 'maxErrorBodyBytes'?); ${PARSE_LIST}.`,
    ],
    [
      'toBceError',
      () => toBceError(new Error('x'), { sentRequestID: 'abc' } as never),
      `toBceError: unknown option 'sentRequestID' (did you mean 'sentRequestId'?); ${PARSE_LIST}, sentRequestId.`,
    ],
    // Also when the error needs no work: a typo fails whatever the error is.
    [
      'toBceError',
      () => toBceError(new BceClientError({ style: 'go', transportCode: 'Timeout' }), { stlye: 'python' } as never),
      `toBceError: unknown option 'stlye' (did you mean 'style'?); ${PARSE_LIST}, sentRequestId.`,
    ],
    [
      'retryPolicy',
      () => retryPolicy('go', { maxRetry: 0 } as never),
      "retryPolicy: unknown option 'maxRetry' (did you mean 'maxRetries'?); the options are maxRetries, delayMs, shouldRetry.",
    ],
    [
      'lookupError',
      () => lookupError('NoSuchKey', { servise: 'bos' } as never),
      "lookupError: unknown option 'servise' (did you mean 'service'?); the options are service.",
    ],
    [
      'catalogEntryForError',
      () => catalogEntryForError({ code: 'AccessDenied' }, { servce: 'cfs' } as never),
      "catalogEntryForError: unknown option 'servce' (did you mean 'service'?); the options are service.",
    ],
    [
      'listErrors',
      () => listErrors({ stauts: 404 } as never),
      "listErrors: unknown option 'stauts' (did you mean 'status'?); the options are status, service.",
    ],
    [
      'suggestErrorCodes',
      () => suggestErrorCodes('AccesDenied', { limt: 1 } as never),
      "suggestErrorCodes: unknown option 'limt' (did you mean 'limit'?); the options are service, limit.",
    ],
    [
      'suggestErrorCodes',
      () => suggestErrorCodes('AccesDenied', { max: 1 } as never),
      "suggestErrorCodes: unknown option 'max'; the options are service, limit.",
    ],
  ])('%s', (_name, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });

  it('every known name passes, also on a null-prototype object; inherited names are not options', () => {
    const known: ParseServiceErrorOptions = { style: 'java', dialect: 'auto', retries: 1, maxErrorBodyBytes: 100 };
    const parseOptions = Object.assign(Object.create(null) as ParseServiceErrorOptions, known);
    expect(parseServiceError(response, parseOptions)?.style).toBe('java');
    expect(toBceError(new Error('x'), { ...parseOptions, sentRequestId: 'sent' })).toMatchObject({
      sentRequestId: 'sent',
      retries: 1,
    });
    expect(retryPolicy('go', { maxRetries: 0, delayMs: () => 1, shouldRetry: () => true }).maxRetries).toBe(0);
    expect(lookupError('AccessDenied', { service: 'cfs' })?.service).toBe('bce');
    expect(listErrors({ status: 403, service: 'iam' }).length).toBeGreaterThan(0);
    expect(suggestErrorCodes('AccesDenied', { service: 'cfs', limit: 1 })).toEqual(['AccessDenied']);
    // A name on Object.prototype (prototype pollution) is no option of this call.
    Object.defineProperty(Object.prototype, 'polluted', {
      value: 1,
      enumerable: true,
      configurable: true,
      writable: true,
    });
    try {
      expect(parseServiceError(response, { style: 'go' })?.style).toBe('go');
    } finally {
      delete (Object.prototype as { polluted?: unknown }).polluted;
    }
  });
});
