// A user's retry callbacks (`retry.shouldRetry`, `retry.delayMs`) run between two attempts, inside the adapter's own
// error handling. When one throws, the request ends (contract R: "a user's policy that throws ends the request with
// that failure wrapped in a BceClientError, never a raw error"), and the error says both what the callback threw and
// what the attempt it was deciding about had failed with.
import { BceClientError, describeCause, isBceClientError } from '../errors/bce-client-error.js';
import type { BceError } from '../errors/bce-error.js';
import type { SdkStyle } from '../sdk-style.js';
import { readProperty } from '../util/read-property.js';

/** The user callback of a retry policy that failed. */
export type RetryCallbackName = 'shouldRetry' | 'delayMs';

/**
 * The error that ends a request whose retry callback threw: a {@link BceClientError} with transport code
 * `'Unknown'` (no transport failed: the decision did), `cause` the callback's error (copied and redacted like every
 * cause), `failedAttempt` the attempt's own error (`failed`, kept as it is), and the retries, request and sent
 * request id of that attempt. The last attempt text says which callback threw and what
 * (`retry.shouldRetry threw: ...`), so every style's message names it.
 */
export function retryPolicyFailure(
  callback: RetryCallbackName,
  thrown: unknown,
  failed: BceError,
  style: SdkStyle,
): BceClientError {
  const earlierTexts = isBceClientError(failed) ? failed.attemptTexts : [];
  return new BceClientError({
    style,
    transportCode: 'Unknown',
    cause: thrown,
    retries: failed.retries,
    sentRequestId: isBceClientError(failed) ? failed.sentRequestId : undefined,
    attemptTexts: [...earlierTexts, `retry.${callback} threw: ${describeCause(thrown)}`],
    request: failed.request,
    failedAttempt: failed,
  });
}

/**
 * The retry callback failure a client error carries, if any: the value itself, or its `cause` (got wraps what its
 * `calculateDelay` threw in a `RequestError` whose cause it is). An adapter's final error is then that failure, not
 * a classification of got's wrapper.
 */
export function retryPolicyFailureIn(thrown: unknown): BceClientError | undefined {
  for (const candidate of [thrown, readProperty(thrown, 'cause')]) {
    if (isBceClientError(candidate) && candidate.failedAttempt !== undefined) return candidate;
  }
  return undefined;
}
