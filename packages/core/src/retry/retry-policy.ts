import { isBceClientError } from '../errors/bce-client-error.js';
import type { BceError } from '../errors/bce-error.js';
import { isBceServiceError } from '../errors/bce-service-error.js';
import {
  checkMaxRetries,
  checkOptionNames,
  describeValue,
  isPlainObject,
  optionError,
  resolveSdkStyle,
  RETRY_OPTIONS,
} from '../options/validate.js';
import type { TransportCode } from '../parse/transport-code.js';
import type { SdkStyle } from '../sdk-style.js';
import { ignoreRejection, isThenable } from '../util/thenable.js';

/** When and how often to retry (contract, section R). Pure functions: adapters bring the timers. */
export interface RetryPolicy {
  /** The most retries after the first attempt. @default 3 */
  maxRetries: number;
  /** The delay before retry number `retriesSoFar + 1`, in milliseconds. */
  delayMs(retriesSoFar: number): number;
  /** Whether an attempt that failed with `error` is retried, after `retriesSoFar` retries. */
  shouldRetry(error: BceError, retriesSoFar: number): boolean;
}

/**
 * The parts of a {@link RetryPolicy} to replace: any of its members, each of which may also be given as `undefined`
 * (the style's own), so the overrides type-check under `exactOptionalPropertyTypes`.
 */
export type RetryPolicyOverrides = { [Part in keyof RetryPolicy]?: RetryPolicy[Part] | undefined };

/** Every style's retry budget: 3 retries, 4 attempts. */
export const DEFAULT_MAX_RETRIES = 3;
/** The upper bound of any delay before a retry: the style's, a user's `delayMs` and an honoured `Retry-After`. */
export const MAX_RETRY_DELAY_MS = 20_000;

const BASE_DELAY_MS: Readonly<Record<SdkStyle, number>> = { go: 300, java: 600, python: 300 };

/** The style's own delay before retry number `retriesSoFar + 1` (contract R): base * 2^n, capped at 20 s. */
function styleRetryDelay(style: SdkStyle, retriesSoFar: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, BASE_DELAY_MS[style] * 2 ** Math.max(0, retriesSoFar));
}

/**
 * The delay a policy's `delayMs` returned, made usable, the same in every adapter: a number >= 0 is capped at
 * {@link MAX_RETRY_DELAY_MS} (`1e12` and `Infinity` wait 20 s, never a timer that overflows into 1 ms); anything
 * else (`NaN`, a negative number, a string, `undefined`, a promise) is no delay at all, and the style's own delay
 * for that retry is used instead, so a broken callback neither hammers the server with instant retries nor hangs.
 */
export function usableRetryDelay(value: unknown, style: SdkStyle, retriesSoFar: number): number {
  if (typeof value === 'number' && value >= 0) return Math.min(MAX_RETRY_DELAY_MS, value);
  // An async callback's promise is not waited for; its rejection must not surface as an unhandled one.
  if (isThenable(value)) ignoreRejection(value);
  return styleRetryDelay(style, retriesSoFar);
}

// Which failures each SDK retries, as documented constant tables (contract, section R).
const RETRIED_STATUS: Readonly<Record<SdkStyle, readonly number[]>> = {
  go: [500, 502, 503],
  java: [500, 502, 503],
  python: [500, 503],
};
const GO_REQUEST_EXPIRED_EXCLUDED_STATUS: readonly number[] = [400, 500, 502, 503];
const CONNECTION_FAILURES: readonly TransportCode[] = [
  'ConnectionRefused',
  'ConnectionReset',
  'DnsFailure',
  'TlsFailure',
  'ConnectTimeout',
  'NetworkError',
];
const TRANSPORT_FAILURES: readonly TransportCode[] = [...CONNECTION_FAILURES, 'Timeout', 'BodyReadFailure'];
const RETRIED_TRANSPORT: Readonly<Record<SdkStyle, readonly TransportCode[]>> = {
  // Go's client gives up on its own overall deadline; only connection-level failures are retried.
  go: CONNECTION_FAILURES,
  java: TRANSPORT_FAILURES,
  python: TRANSPORT_FAILURES,
};

/** Whether `style`'s SDK would retry this error, ignoring the retry budget. */
export function isRetryableError(style: SdkStyle, error: BceError): boolean {
  if (isBceServiceError(error)) {
    const status = error.statusCode;
    if (RETRIED_STATUS[style].includes(status)) return true;
    if (style === 'go') {
      if (status === 400 && error.code === 'Http400') return true;
      return error.code === 'RequestExpired' && !GO_REQUEST_EXPIRED_EXCLUDED_STATUS.includes(status);
    }
    return style === 'java' && error.code === 'RequestExpired';
  }
  if (isBceClientError(error)) return RETRIED_TRANSPORT[style].includes(error.transportCode);
  return false;
}

/**
 * The retry policy of a style, optionally with parts replaced. A replaced `delayMs` is capped at 20 s, and a value
 * that is no delay (`NaN`, negative, not a number) gives the style's delay instead (see {@link usableRetryDelay}).
 * A replaced callback that throws throws from the policy; the adapters end the request with that failure wrapped
 * in a `BceClientError` (see `BceClientError.failedAttempt`).
 *
 * @example
 * const policy = retryPolicy('java', { maxRetries: 1 });
 * policy.delayMs(0); // 600
 */
export function retryPolicy(style: SdkStyle, overrides?: RetryPolicyOverrides): RetryPolicy {
  // The adapters check their `retry` names themselves, with hints for got's and axios-retry's options.
  if (isPlainObject(overrides)) checkOptionNames(overrides, RETRY_OPTIONS, '{ maxRetries: 1 }', 'retryPolicy');
  return buildRetryPolicy(style, overrides, 'retryPolicy');
}

/** {@link retryPolicy}, with `where` naming the entry point in its option errors (an adapter's `retry`). */
export function buildRetryPolicy(style: unknown, overrides: unknown, where: string): RetryPolicy {
  const resolvedStyle = resolveSdkStyle(style, where);
  if (overrides !== undefined && !isPlainObject(overrides)) {
    throw optionError(
      where,
      `overrides must be a plain object such as { maxRetries: 1 } (got ${describeValue(overrides)}).`,
    );
  }
  const parts = (overrides ?? {}) as Partial<Record<keyof RetryPolicy, unknown>>;
  const maxRetries = checkMaxRetries(parts.maxRetries ?? DEFAULT_MAX_RETRIES, where);
  const delayOverride = parts.delayMs;
  const shouldRetryOverride = parts.shouldRetry;
  if (delayOverride !== undefined && typeof delayOverride !== 'function') {
    throw optionError(where, 'retry.delayMs must be a function (retriesSoFar) => milliseconds.');
  }
  if (shouldRetryOverride !== undefined && typeof shouldRetryOverride !== 'function') {
    throw optionError(where, 'retry.shouldRetry must be a function (error, retriesSoFar) => boolean.');
  }
  const delayMs = delayOverride as RetryPolicy['delayMs'] | undefined;
  const shouldRetry = shouldRetryOverride as RetryPolicy['shouldRetry'] | undefined;
  return {
    maxRetries,
    // A user's delay is made usable here (capped, or the style's when it is no delay), so every adapter waits alike.
    // A user's callback that throws throws here too: the adapters wrap that with the attempt it was deciding on.
    delayMs:
      delayMs === undefined
        ? (retriesSoFar: number) => styleRetryDelay(resolvedStyle, retriesSoFar)
        : (retriesSoFar: number) => usableRetryDelay(delayMs(retriesSoFar), resolvedStyle, retriesSoFar),
    shouldRetry: (error: BceError, retriesSoFar: number) =>
      retriesSoFar < maxRetries &&
      (shouldRetry === undefined ? isRetryableError(resolvedStyle, error) : shouldRetry(error, retriesSoFar)),
  };
}
