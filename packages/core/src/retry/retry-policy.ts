import { isBceClientError } from '../errors/bce-client-error.js';
import type { BceError } from '../errors/bce-error.js';
import { isBceServiceError } from '../errors/bce-service-error.js';
import { checkMaxRetries, optionError, resolveSdkStyle } from '../options/validate.js';
import type { TransportCode } from '../parse/transport-code.js';
import type { SdkStyle } from '../sdk-style.js';

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
/** The upper bound of any computed delay. */
export const MAX_RETRY_DELAY_MS = 20_000;

const BASE_DELAY_MS: Readonly<Record<SdkStyle, number>> = { go: 300, java: 600, python: 300 };

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
 * The retry policy of a style, optionally with parts replaced.
 *
 * @example
 * const policy = retryPolicy('java', { maxRetries: 1 });
 * policy.delayMs(0); // 600
 */
export function retryPolicy(style: SdkStyle, overrides?: RetryPolicyOverrides): RetryPolicy {
  return buildRetryPolicy(style, overrides, 'retryPolicy');
}

/** {@link retryPolicy}, with `where` naming the entry point in its option errors (an adapter's `retry`). */
export function buildRetryPolicy(style: unknown, overrides: unknown, where: string): RetryPolicy {
  const resolvedStyle = resolveSdkStyle(style, where);
  if (overrides !== undefined && (typeof overrides !== 'object' || overrides === null)) {
    throw optionError(where, 'overrides must be an object such as { maxRetries: 1 }.');
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
  const baseDelay = BASE_DELAY_MS[resolvedStyle];
  return {
    maxRetries,
    delayMs:
      delayMs ?? ((retriesSoFar: number) => Math.min(MAX_RETRY_DELAY_MS, baseDelay * 2 ** Math.max(0, retriesSoFar))),
    shouldRetry: (error: BceError, retriesSoFar: number) =>
      retriesSoFar < maxRetries &&
      (shouldRetry === undefined ? isRetryableError(resolvedStyle, error) : shouldRetry(error, retriesSoFar)),
  };
}
