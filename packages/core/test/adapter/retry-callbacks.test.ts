import { describe, expect, it } from 'vitest';
import {
  attemptError,
  describeRequestBody,
  nextRetryDelay,
  resolveAdapterOptions,
  shouldRetryAttempt,
  waitBeforeRetry,
  type AdapterOptions,
} from '../../src/adapter.js';
import {
  type BceClientError,
  BceServiceError,
  fromJSON,
  isBceClientError,
  isBceServiceError,
  MAX_RETRY_DELAY_MS,
  retryPolicy,
  SDK_STYLES,
  type BceError,
  type SdkStyle,
} from '../../src/index.js';

// A user's retry callbacks (`retry.shouldRetry`, `retry.delayMs`) are foreign code run between two attempts. Whatever
// they do, the request ends with a BceError (contract R: "a user's policy that throws ends the request with that
// failure wrapped in a BceClientError, never a raw error"), and the failure that asked for the retry stays on it.

const NO_BODY = describeRequestBody(undefined);

function unavailable(style: SdkStyle = 'go', retries = 0): BceServiceError {
  return new BceServiceError({
    style,
    code: 'ServiceUnavailable',
    errorMessage: 'busy',
    requestId: 'rid-503',
    statusCode: 503,
    retries,
    request: { method: 'POST', url: 'http://127.0.0.1/bucket?authorization=SECRET' },
  });
}

class UserPolicyError extends Error {
  readonly detail = 'kept';
}

function resolved(retry: AdapterOptions['retry'], style: SdkStyle = 'go') {
  return resolveAdapterOptions({ style, retry }, 'test');
}

/** What every wrapped callback failure must be. */
function expectPolicyFailure(value: unknown, trigger: BceError, callback: 'shouldRetry' | 'delayMs'): BceClientError {
  if (!isBceClientError(value)) throw new Error(`expected a BceClientError, got ${String(value)}`);
  expect(value.transportCode).toBe('Unknown');
  expect(value.retries).toBe(trigger.retries);
  // The user's error is the cause (copied and redacted like every cause), with its class name and message.
  const cause = value.cause as Error;
  expect([cause.name, cause.message]).toEqual(['Error', `${callback} exploded`]);
  // The failure that asked for the retry is never lost.
  expect(value.failedAttempt).toBe(trigger);
  expect(value.attemptTexts.at(-1)).toBe(`retry.${callback} threw: ${callback} exploded`);
  expect(value.request).toEqual(trigger.request);
  return value;
}

describe('a shouldRetry that throws', () => {
  it.each(SDK_STYLES)('%s: shouldRetryAttempt throws a BceClientError wrapping it, never the raw error', (style) => {
    const options = resolved(
      {
        shouldRetry: () => {
          throw new Error('shouldRetry exploded');
        },
      },
      style,
    );
    const trigger = unavailable(style, 1);
    let thrown: unknown;
    try {
      shouldRetryAttempt(trigger, 1, NO_BODY, options);
    } catch (error) {
      thrown = error;
    }
    const failure = expectPolicyFailure(thrown, trigger, 'shouldRetry');
    expect(failure.style).toBe(style);
  });

  it('a thrown non-Error (a string, a hostile proxy) is wrapped too', () => {
    for (const raw of [
      'plain text',
      42,
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('trap');
          },
        },
      ),
    ]) {
      const options = resolved({
        shouldRetry: () => {
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- a user callback can throw anything
          throw raw;
        },
      });
      let thrown: unknown;
      try {
        shouldRetryAttempt(unavailable(), 0, NO_BODY, options);
      } catch (error) {
        thrown = error;
      }
      expect(isBceClientError(thrown)).toBe(true);
      expect((thrown as BceClientError).failedAttempt).toBeInstanceOf(BceServiceError);
      expect(() => JSON.stringify(thrown)).not.toThrow();
    }
  });

  it('a shouldRetry that returns a promise is a policy failure (it would retry everything), with no unhandled rejection', () => {
    const options = resolved({ shouldRetry: () => Promise.reject(new Error('async')) as unknown as boolean });
    let thrown: unknown;
    try {
      shouldRetryAttempt(unavailable(), 0, NO_BODY, options);
    } catch (error) {
      thrown = error;
    }
    expect(isBceClientError(thrown) && thrown.attemptTexts.at(-1)).toMatch(
      /^retry\.shouldRetry threw: retry\.shouldRetry returned a promise/,
    );
  });

  it('the name and message of a user error class stay readable on the (redacted) cause copy', () => {
    const options = resolved({
      shouldRetry: () => {
        throw new UserPolicyError('shouldRetry exploded');
      },
    });
    let thrown: unknown;
    try {
      shouldRetryAttempt(unavailable(), 0, NO_BODY, options);
    } catch (error) {
      thrown = error;
    }
    expect(((thrown as BceClientError).cause as Error).name).toBe('Error');
    expect(((thrown as BceClientError).cause as Error).message).toBe('shouldRetry exploded');
  });

  it('got: the wrapper got puts around an error its calculateDelay threw is unwrapped by attemptError', () => {
    const options = resolved({
      shouldRetry: () => {
        throw new Error('shouldRetry exploded');
      },
    });
    const trigger = unavailable();
    let failure: unknown;
    try {
      shouldRetryAttempt(trigger, 0, NO_BODY, options);
    } catch (error) {
      failure = error;
    }
    // got: `new RequestError(error.message, error, request)`, whose cause is what calculateDelay threw.
    const gotWrapper = Object.assign(new Error('wrapped', { cause: failure }), { name: 'RequestError' });
    expect(attemptError({ retries: 0, thrown: gotWrapper }, options)).toBe(failure);
    expect(attemptError({ retries: 0, thrown: failure }, options)).toBe(failure);
  });
});

describe('a delayMs that throws', () => {
  const exploding = {
    delayMs: (): number => {
      throw new Error('delayMs exploded');
    },
  };

  it('nextRetryDelay throws the wrapped failure (got calls it from calculateDelay)', () => {
    const trigger = unavailable();
    let thrown: unknown;
    try {
      nextRetryDelay(resolved(exploding), trigger, 0);
    } catch (error) {
      thrown = error;
    }
    expectPolicyFailure(thrown, trigger, 'delayMs');
  });

  it('waitBeforeRetry rejects with it: not Aborted, and the 503 is kept', async () => {
    const trigger = unavailable();
    const rejection: unknown = await waitBeforeRetry(trigger, { retries: 0 }, resolved(exploding), undefined).catch(
      (error: unknown) => error,
    );
    const failure = expectPolicyFailure(rejection, trigger, 'delayMs');
    expect(failure.transportCode).not.toBe('Aborted');
    expect(isBceServiceError(failure.failedAttempt) && failure.failedAttempt.statusCode).toBe(503);
  });

  it('the wrapped failure serialises with the failed attempt, and fromJSON rebuilds both exactly', () => {
    let thrown: unknown;
    try {
      nextRetryDelay(resolved(exploding), unavailable(), 0);
    } catch (error) {
      thrown = error;
    }
    const failure = thrown as BceClientError;
    const json = JSON.parse(JSON.stringify(failure)) as Record<string, unknown>;
    expect((json.failedAttempt as Record<string, unknown>).statusCode).toBe(503);
    const rebuilt = fromJSON(json);
    expect(isBceClientError(rebuilt) && rebuilt.failedAttempt).toBeInstanceOf(BceServiceError);
    expect(JSON.parse(JSON.stringify(rebuilt))).toEqual(json);
    expect(JSON.stringify(json)).not.toContain('SECRET');
  });
});

describe('delays a user policy returns', () => {
  it.each([
    ['1e12', 1e12, MAX_RETRY_DELAY_MS],
    ['Infinity', Number.POSITIVE_INFINITY, MAX_RETRY_DELAY_MS],
    ['20 001', 20_001, MAX_RETRY_DELAY_MS],
    ['2^31', 2 ** 31, MAX_RETRY_DELAY_MS],
    ['0', 0, 0],
    ['150', 150, 150],
  ])('%s is used capped at 20 s', (_label, value, expected) => {
    const options = resolved({ delayMs: () => value });
    expect(retryPolicy('go', { delayMs: () => value }).delayMs(0)).toBe(expected);
    expect(nextRetryDelay(options, unavailable(), 0)).toBe(expected);
  });

  it.each([
    ['NaN', Number.NaN],
    ['-1', -1],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['a string', '100'],
    ['undefined', undefined],
  ])('%s is no delay: the style default for that retry is used, in every style', (_label, value) => {
    for (const style of SDK_STYLES) {
      const defaults = retryPolicy(style);
      const options = resolved({ delayMs: () => value as number }, style);
      for (const retries of [0, 1, 2]) {
        expect(retryPolicy(style, { delayMs: () => value as number }).delayMs(retries)).toBe(defaults.delayMs(retries));
        expect(nextRetryDelay(options, unavailable(style), retries)).toBe(defaults.delayMs(retries));
      }
    }
  });

  it('a promise is no delay either (the style default), and its rejection is not left unhandled', () => {
    const options = resolved({ delayMs: () => Promise.reject(new Error('async')) as unknown as number });
    expect(nextRetryDelay(options, unavailable(), 1)).toBe(600);
  });

  it('Retry-After still only lengthens a capped delay, never past 20 s', () => {
    const options = resolveAdapterOptions({ honorRetryAfter: true, retry: { delayMs: () => Number.NaN } }, 'test');
    const withRetryAfter = new BceServiceError({
      style: 'go',
      code: 'X',
      errorMessage: 'm',
      requestId: '',
      statusCode: 503,
      retryAfterMs: 5000,
    });
    expect(nextRetryDelay(options, withRetryAfter, 0)).toBe(5000);
  });
});
