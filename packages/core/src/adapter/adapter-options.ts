import type { BceError } from '../errors/bce-error.js';
import {
  checkFlag,
  checkMaxErrorBodyBytes,
  checkOptionNames,
  checkRetryOptionNames,
  describeValue,
  isPlainObject,
  optionError,
  resolveDialect,
  resolveSdkStyle,
} from '../options/validate.js';
import type { ErrorDialect } from '../parse/parse-service-error.js';
import {
  buildRetryPolicy,
  MAX_RETRY_DELAY_MS,
  type RetryPolicy,
  type RetryPolicyOverrides,
  usableRetryDelay,
} from '../retry/retry-policy.js';
import type { SdkStyle } from '../sdk-style.js';
import { retryPolicyFailure } from './retry-policy-failure.js';
import { isBrowserRuntime } from './request-id.js';

/** The options every adapter takes, with the same names and defaults in axios, got and fetch. */
export interface AdapterOptions {
  /** The SDK whose messages, fallbacks and retry policy to mirror. @default 'go' */
  style?: SdkStyle | undefined;
  /** `'auto'` also reads IAM-style bodies (`{error_code, error_msg}`, `{error: {...}}`) and `x-request-id`. @default 'bce' */
  dialect?: ErrorDialect | undefined;
  /**
   * `false` turns retries off; an object replaces parts of the style's policy (`maxRetries`, `delayMs`,
   * `shouldRetry`, nothing else). @default true
   */
  retry?: boolean | RetryPolicyOverrides | undefined;
  /** Wait at least as long as the server's `Retry-After` (capped at 20 s) before a retry. @default false */
  honorRetryAfter?: boolean | undefined;
  /** At most this many bytes of an error body are read and kept. @default 65536 */
  maxErrorBodyBytes?: number | undefined;
  /**
   * Send a fresh UUIDv4 `x-bce-request-id` when the caller set none. In a browser the header makes every
   * cross-origin call a CORS preflight that the API must allow, so go style sends it there only when asked.
   * @default true for 'go' (false in a browser), false otherwise
   */
  requestId?: boolean | undefined;
  /**
   * Retry a request that has a (replayable) body. The Java SDK sends every body as a non-repeatable entity and so
   * never retries such a request; `true` turns those retries on in java style. A body that cannot be sent again
   * (a stream, a generator) is never retried, whatever this says. @default false for 'java', true otherwise
   */
  retryRequestsWithBody?: boolean | undefined;
}

/** {@link AdapterOptions} validated, with every default filled in. */
export interface ResolvedAdapterOptions {
  style: SdkStyle;
  dialect: ErrorDialect;
  policy: RetryPolicy;
  honorRetryAfter: boolean;
  maxErrorBodyBytes: number;
  requestId: boolean;
  retryRequestsWithBody: boolean;
}

const KNOWN_OPTIONS: readonly string[] = [
  'style',
  'dialect',
  'retry',
  'honorRetryAfter',
  'maxErrorBodyBytes',
  'requestId',
  'retryRequestsWithBody',
];
const NO_RETRY = { maxRetries: 0 } as const;

/**
 * Validates adapter options once, at set-up time, so a mistake fails fast with a message that says what to fix.
 * `extraOptions` names the adapter's own additional options (fetch's `fetch`, `timeoutMs`), which it checks itself.
 * @throws TypeError for an unknown option name (naming the closest valid one) or an invalid value.
 */
export function resolveAdapterOptions(
  options: unknown,
  where: string,
  extraOptions: readonly string[] = [],
): ResolvedAdapterOptions {
  const record = options === undefined ? {} : options;
  // An array, a Date or a class instance is a mistake, not "the defaults".
  checkOptionNames(
    record,
    extraOptions.length === 0 ? KNOWN_OPTIONS : [...KNOWN_OPTIONS, ...extraOptions],
    "{ style: 'go' }",
    where,
  );
  const style = resolveSdkStyle(record.style, where);
  const dialect = resolveDialect(record.dialect, where);
  const retry: unknown = record.retry ?? true;
  if (typeof retry !== 'boolean' && !isPlainObject(retry)) {
    throw optionError(
      where,
      `retry must be true, false or a partial policy such as { maxRetries: 1 } (got ${describeValue(retry)}).`,
    );
  }
  if (typeof retry === 'object') checkRetryOptionNames(retry, where);
  const policy = buildRetryPolicy(style, retry === true ? undefined : retry === false ? NO_RETRY : retry, where);
  const maxErrorBodyBytes = checkMaxErrorBodyBytes(record.maxErrorBodyBytes, where);
  const honorRetryAfter = checkFlag(record.honorRetryAfter, 'honorRetryAfter', where) ?? false;
  const requestId = checkFlag(record.requestId, 'requestId', where) ?? (style === 'go' && !isBrowserRuntime());
  const retryRequestsWithBody =
    checkFlag(record.retryRequestsWithBody, 'retryRequestsWithBody', where) ?? style !== 'java';
  return { style, dialect, policy, honorRetryAfter, maxErrorBodyBytes, requestId, retryRequestsWithBody };
}

/**
 * The delay before the next retry: the policy's, or the server's `Retry-After` when honoured and longer, never more
 * than 20 s. A delay that is no delay (`NaN`, negative, not a number) is the style's own (see `usableRetryDelay`).
 * @throws BceClientError (and nothing else) when the policy's `delayMs` throws: the request ends with
 * {@link retryPolicyFailure}'s error, whose `failedAttempt` is `error`.
 */
export function nextRetryDelay(options: ResolvedAdapterOptions, error: BceError, retriesSoFar: number): number {
  let returned: unknown;
  try {
    returned = options.policy.delayMs(retriesSoFar);
  } catch (thrown) {
    throw retryPolicyFailure('delayMs', thrown, error, options.style);
  }
  const policyDelay = usableRetryDelay(returned, options.style, retriesSoFar);
  const retryAfter = options.honorRetryAfter ? (error as { retryAfterMs?: unknown }).retryAfterMs : undefined;
  return typeof retryAfter === 'number' && retryAfter >= 0
    ? Math.min(MAX_RETRY_DELAY_MS, Math.max(policyDelay, retryAfter))
    : policyDelay;
}
