// The one step every adapter shares: the facts of one failed attempt in, the contract's error out. An adapter only
// gathers the facts from its client (how it reads a response, a body, a timeout); what they mean is decided here,
// once, so axios, got and fetch cannot disagree about it.
import { BceClientError, describeCause } from '../errors/bce-client-error.js';
import type { BceError, BceErrorRequest } from '../errors/bce-error.js';
import { classifyTransportError } from '../parse/classify-transport-error.js';
import { buildServiceError, isErrorStatus } from '../parse/parse-service-error.js';
import type { HeaderSource } from '../parse/read-header.js';
import type { TransportCode } from '../parse/transport-code.js';
import { nextRetryDelay, type ResolvedAdapterOptions } from './adapter-options.js';
import { ignoreRejection, isThenable } from '../util/thenable.js';
import type { RequestBodyFacts } from './request-body.js';
import { retryPolicyFailure, retryPolicyFailureIn } from './retry-policy-failure.js';
import { sleep } from './sleep.js';

/** An error body as an adapter read it, with what reading it cost. */
export interface ErrorBody {
  /**
   * The body: bytes (decoded from gzip, deflate or br by the client), text, what the client already parsed
   * (axios' `data`), or `null` for none.
   */
  bytes: Uint8Array | string | Record<string, unknown> | null;
  /** The adapter stopped reading at `maxErrorBodyBytes`: `bytes` is only the start of the body. */
  truncated: boolean;
  /** The connection closed before the body ended: it is cut short (contract P7). */
  incomplete: boolean;
}

/** A response the server sent for the attempt, as far as the client let the adapter read it. */
export interface AttemptResponse {
  /** The HTTP status code. */
  status: number;
  /** The reason phrase of the status line, when the client exposes it. */
  statusText?: string | undefined;
  /** The response headers: a WHATWG `Headers` or a Node-style record. */
  headers: HeaderSource | null | undefined;
  /** The error body the adapter read. */
  body: ErrorBody;
}

/** What an adapter knows about one failed attempt. */
export interface AttemptFacts {
  /** How many retries were made before this attempt. */
  retries: number;
  /** The cause texts of the earlier attempts that ended without a response, oldest first. */
  attemptTexts?: readonly string[] | undefined;
  /** The request method, in any case. */
  method?: string | undefined;
  /**
   * The request URL as the client was given it (a string, a `URL`, absolute or relative). It is kept on the error
   * as `request.url`, redacted there (userinfo, presigned query parameters).
   */
  url?: string | URL | undefined;
  /** The `x-bce-request-id` the request was sent with, if any. */
  sentRequestId?: string | undefined;
  /**
   * The response, when the server answered and the adapter treats the answer as this attempt's outcome. Also when
   * the connection broke after the status line and headers arrived (a TCP reset mid-body, undici's `terminated`, got's
   * `ReadError` or `RequestError` `ECONNRESET`, axios' `ECONNRESET`): pass the status, the headers and the bytes that
   * did arrive with `body.incomplete: true`, together with `thrown`. For a status the style counts as an error the
   * attempt is then the service error built from them (P7: a cut JSON object is `MalformedJSON` with the header's
   * request id; nothing read is the empty-body code, P5), retried by its status, in every client alike (X); for a
   * success status it is `BodyReadFailure`. Without `response` such an attempt can only be the transport failure
   * (`ConnectionReset`), which go retries even for a 404 POST.
   */
  response?: AttemptResponse | undefined;
  /** What the client threw, if it threw. */
  thrown?: unknown;
  /** The adapter's own per-attempt deadline fired. */
  timedOut?: boolean | undefined;
  /** The caller aborted the request (their signal, a cancel). */
  aborted?: boolean | undefined;
}

/**
 * Turns one failed attempt into its {@link BceError}: a `BceServiceError` for a response, unless its status is one
 * the style counts as success and its body broke off (a failed read, `BodyReadFailure`); otherwise a
 * `BceClientError` whose transport code is, in this order, `Timeout` (the adapter's deadline), `Aborted` (the
 * caller), `BodyReadFailure`, or what {@link classifyTransportError} makes of the thrown error. A thrown value that
 * is (or wraps, as got does) the error of a retry callback that failed is that error (see `retryPolicyFailure`).
 * Never throws.
 *
 * @example
 * const error = attemptError({ retries, method: 'GET', response: { status, headers, body } }, resolved);
 */
export function attemptError(facts: AttemptFacts, options: ResolvedAdapterOptions): BceError {
  // A retry callback that threw already ended the request with its own error (got hands it back wrapped).
  const policyFailure = retryPolicyFailureIn(facts.thrown);
  if (policyFailure !== undefined) return policyFailure;
  const { response, retries } = facts;
  const method = facts.method?.toUpperCase();
  const request = requestOf(facts);
  const bodyReadFailed =
    response !== undefined && response.body.incomplete && !isErrorStatus(options.style, response.status);
  if (response !== undefined && !bodyReadFailed) {
    return buildServiceError(
      {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body: response.body.bytes,
      },
      {
        style: options.style,
        dialect: options.dialect,
        retries,
        maxErrorBodyBytes: options.maxErrorBodyBytes,
        bodyTruncated: response.body.truncated,
        bodyIncomplete: response.body.incomplete,
        method,
        request,
      },
    );
  }
  const transportCode: TransportCode =
    facts.timedOut === true
      ? 'Timeout'
      : facts.aborted === true
        ? 'Aborted'
        : bodyReadFailed
          ? 'BodyReadFailure'
          : classifyTransportError(facts.thrown);
  return clientError(transportCode, facts.thrown, facts, options, request);
}

function requestOf(facts: AttemptFacts): BceErrorRequest | undefined {
  const { url } = facts;
  const href = typeof url === 'string' ? url : url instanceof URL ? url.href : undefined;
  if (href === undefined) return undefined;
  // Every client sends GET when it is given no method. The error redacts the URL.
  return { method: facts.method?.toUpperCase() ?? 'GET', url: href };
}

/**
 * The text of an attempt that timed out or was aborted says so, in every style: a deadline that fires through an
 * abort signal makes some clients throw the same error as a caller's abort (axios: `canceled`).
 */
function attemptText(transportCode: TransportCode, cause: unknown): string {
  const text = describeCause(cause);
  if (transportCode === 'Timeout' && !/time[ds]? ?out/i.test(text)) return `timed out: ${text}`;
  if (transportCode === 'Aborted' && !/abort/i.test(text)) return `aborted: ${text}`;
  return text;
}

function clientError(
  transportCode: TransportCode,
  cause: unknown,
  facts: AttemptFacts,
  options: ResolvedAdapterOptions,
  request = requestOf(facts),
): BceClientError {
  return new BceClientError({
    style: options.style,
    transportCode,
    cause,
    retries: facts.retries,
    sentRequestId: facts.sentRequestId,
    attemptTexts: [...(facts.attemptTexts ?? []), attemptText(transportCode, cause)],
    request,
  });
}

/**
 * The error of a request the caller aborted while it waited to retry: `Aborted`, caused by the signal's reason,
 * with the texts of the attempts made so far and the request (`method`, `url`) of the facts.
 */
export function abortedWhileWaiting(
  reason: unknown,
  facts: AttemptFacts,
  options: ResolvedAdapterOptions,
): BceClientError {
  return clientError('Aborted', reason, facts, options);
}

/**
 * Whether a failed attempt is tried again: the style's policy says so, the body can be sent again byte for byte,
 * and a request with a body is retried at all (not in java style unless `retryRequestsWithBody`).
 * @throws BceClientError (and nothing else) when a user's `retry.shouldRetry` throws or returns a promise (an
 * `async` callback, whose answer would come too late and whose truthy promise would retry everything): the
 * request ends with {@link retryPolicyFailure}'s error, whose `failedAttempt` is `error`. Adapters let it
 * propagate as the request's rejection; got, which wraps what its `calculateDelay` throws, gets it back from
 * {@link attemptError}.
 */
export function shouldRetryAttempt(
  error: BceError,
  retries: number,
  body: RequestBodyFacts,
  options: ResolvedAdapterOptions,
): boolean {
  if (!body.replayable || (body.present && !options.retryRequestsWithBody)) return false;
  let answer: unknown;
  try {
    answer = options.policy.shouldRetry(error, retries);
  } catch (thrown) {
    throw retryPolicyFailure('shouldRetry', thrown, error, options.style);
  }
  if (isThenable(answer)) {
    ignoreRejection(answer);
    const misuse = new TypeError(
      'retry.shouldRetry returned a promise; it must return true or false synchronously (not an async function).',
    );
    throw retryPolicyFailure('shouldRetry', misuse, error, options.style);
  }
  return Boolean(answer);
}

/**
 * Waits the delay before the next attempt (the policy's, or a longer honoured `Retry-After`, at most 20 s), or
 * rejects with {@link abortedWhileWaiting}'s error as soon as the caller's signal aborts. Rejects with
 * {@link retryPolicyFailure}'s error (not `Aborted`) when a user's `retry.delayMs` throws.
 */
export async function waitBeforeRetry(
  error: BceError,
  facts: AttemptFacts,
  options: ResolvedAdapterOptions,
  signal: AbortSignal | null | undefined,
): Promise<void> {
  // Outside the try: a delay callback that throws is that failure, not an abort.
  const delay = nextRetryDelay(options, error, facts.retries);
  try {
    await sleep(delay, signal);
  } catch (reason) {
    throw abortedWhileWaiting(
      reason,
      { ...facts, attemptTexts: attemptTextsAfter(error, facts.attemptTexts ?? []) },
      options,
    );
  }
}

/** The cause texts a failed attempt leaves for the next: a client error's own list, else the earlier ones. */
export function attemptTextsAfter(error: BceError, earlier: readonly string[]): readonly string[] {
  return error instanceof BceClientError ? error.attemptTexts : earlier;
}
