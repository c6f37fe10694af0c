import type { BceError } from '@bce-errors/core';
import {
  attemptError,
  attemptTextsAfter,
  checkMilliseconds,
  createRequestId,
  isErrorStatus,
  optionError,
  readProperty,
  readWebStreamWithin,
  REQUEST_ID_HEADER,
  resolveAdapterOptions,
  shouldRetryAttempt,
  waitBeforeRetry,
  type AttemptFacts,
  type ResolvedAdapterOptions,
} from '@bce-errors/core/adapter';
import { attemptSignal } from './attempt-signal.js';
import { fetchBodyFacts } from './request-body.js';
import { invalidHeaderError, invalidHeaderName, readSentRequestId } from './request-headers.js';
import type { BceFetchOptions } from './types.js';
import { asWebStream } from './web-stream-of.js';

// Shared: a request that never fails needs no list of its own.
const NO_TEXTS: readonly string[] = Object.freeze([]);

interface PreparedRequest {
  callerSignal: AbortSignal | undefined;
  init: RequestInit | undefined;
  method: string;
  sentRequestId: string | undefined;
}

/** The URL of a fetch call, for the error's `request`. */
function urlOf(input: RequestInfo | URL): string | URL | undefined {
  if (typeof input === 'string' || input instanceof URL) return input;
  return input instanceof Request ? input.url : undefined;
}

/** The headers the caller gave: the init's, else the `Request`'s. Never throws (a hostile init's getter). */
function callerHeadersOf(input: RequestInfo | URL, init: RequestInit | undefined): HeadersInit | undefined {
  const headers = readProperty(init, 'headers') as HeadersInit | null | undefined;
  return headers ?? (input instanceof Request ? input.headers : undefined);
}

/**
 * The method, as given (core upper-cases it for the error, fetch for the request). fetch would call `String()` on
 * anything else (a hostile `toString` throws from inside it) and send a number as a method: a value that is not a
 * string is the caller's mistake, said as such.
 */
function methodOf(request: Request | undefined, init: RequestInit | undefined): string {
  const method: unknown = init?.method ?? request?.method ?? 'GET';
  if (typeof method !== 'string') {
    const kind = method === null ? 'null' : typeof method === 'object' ? 'an object' : `a ${typeof method}`;
    throw optionError('createBceFetch', `method must be a string such as 'GET' or 'POST' (got ${kind}).`);
  }
  return method;
}

function isPlainRecord(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Adds Go's request id when asked, without copying the caller's headers when nothing is added. */
function prepareRequest(
  request: Request | undefined,
  init: RequestInit | undefined,
  options: ResolvedAdapterOptions,
): PreparedRequest {
  const callerSignal = init?.signal ?? request?.signal ?? undefined;
  const method = methodOf(request, init);
  if (!options.requestId) {
    // Hot path: the caller's init goes through as it is; the sent id is looked up only if the request fails.
    return { callerSignal, init, method, sentRequestId: undefined };
  }
  const callerHeaders = init?.headers ?? request?.headers;
  // A plain object (or none) is copied with one more key: building a Headers costs ~1 µs a request.
  if (callerHeaders === undefined || isPlainRecord(callerHeaders)) {
    if (callerHeaders !== undefined) {
      for (const name of Object.keys(callerHeaders)) {
        if (name.toLowerCase() === REQUEST_ID_HEADER)
          return { callerSignal, init, method, sentRequestId: callerHeaders[name] };
      }
    }
    const sentRequestId = createRequestId();
    const headers = { ...callerHeaders, [REQUEST_ID_HEADER]: sentRequestId };
    return { callerSignal, init: { ...init, headers }, method, sentRequestId };
  }
  const headers = new Headers(callerHeaders);
  let sentRequestId = headers.get(REQUEST_ID_HEADER) ?? undefined;
  if (sentRequestId === undefined) {
    sentRequestId = createRequestId();
    headers.set(REQUEST_ID_HEADER, sentRequestId);
  }
  return { callerSignal, init: { ...init, headers }, method, sentRequestId };
}

/**
 * Wraps `fetch` so that every failure rejects with the contract's errors: a `BceServiceError` for an HTTP error
 * response, a `BceClientError` for everything else, after the style's retries. A success response is returned
 * as it is, its body untouched.
 *
 * @example
 * const bceFetch = createBceFetch({ style: 'java', timeoutMs: 10_000 });
 * const response = await bceFetch('https://cfs.bj.baidubce.com/v1/cfs'); // throws BceServiceError on 4xx/5xx
 */
export function createBceFetch(options?: BceFetchOptions): typeof fetch {
  const resolved = resolveAdapterOptions(options, 'createBceFetch', ['fetch', 'timeoutMs']);
  const ownFetch: unknown = options?.fetch;
  if (ownFetch !== undefined && typeof ownFetch !== 'function') {
    throw new TypeError(
      'createBceFetch: fetch must be a function such as globalThis.fetch; leave it out to use the global one.',
    );
  }
  const timeoutMs = checkMilliseconds(options?.timeoutMs, 'timeoutMs', 'createBceFetch');
  const { style } = resolved;

  async function bceFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    // Looked up on every call, not at set-up: a mock installed later (msw, vi.stubGlobal('fetch')) is the one called.
    const baseFetch = (ownFetch ?? (globalThis as { fetch?: unknown }).fetch) as typeof fetch | undefined;
    if (typeof baseFetch !== 'function') {
      throw new TypeError(
        'createBceFetch: globalThis.fetch is not defined here; pass one as createBceFetch({ fetch }).',
      );
    }
    // Asked once: `instanceof` is a prototype walk, and the success path needs the answer three times.
    const request = input instanceof Request ? input : undefined;
    let prepared: PreparedRequest;
    try {
      prepared = prepareRequest(request, init, resolved);
    } catch (thrown) {
      // Nothing was sent: a method or headers fetch would refuse. Said as the caller's mistake, never retried.
      throw callerMistake(thrown, input, init, undefined);
    }
    // A Request's body is a stream, read by the first attempt: each attempt sends a clone when a retry may follow.
    const body = request === undefined ? undefined : fetchBodyFacts(request, init);
    const cloneRequest =
      request !== undefined &&
      request.body !== null &&
      (init?.body === undefined || init.body === null) &&
      body?.replayable === true &&
      (!body.present || resolved.retryRequestsWithBody) &&
      resolved.policy.maxRetries > 0;
    const { callerSignal, method } = prepared;
    let attemptTexts: readonly string[] = NO_TEXTS;
    let retries = 0;
    for (;;) {
      const attempt = attemptSignal(callerSignal, timeoutMs);
      let facts: AttemptFacts;
      // No `finally`: the success path returns without the attempt's dispose (handOver ends it instead), and a
      // `finally` around that `return` costs a completion record on every request.
      try {
        const pending = baseFetch(
          cloneRequest ? request.clone() : input,
          attempt.signal === callerSignal ? prepared.init : { ...prepared.init, signal: attempt.signal ?? null },
        );
        const response = await attempt.race(pending);
        if (!isErrorStatus(style, response.status) || response.type === 'opaqueredirect') {
          // The caller's signal still aborts the body they are about to read; the attempt's timeout no longer does.
          attempt.handOver(response);
          return response;
        }
        // A caller's own fetch may be node-fetch, whose body is a Node `Readable` (web-stream-of.ts).
        const body = response.body === null ? null : asWebStream(response.body);
        const read = await attempt.race(readWebStreamWithin(body, resolved.maxErrorBodyBytes, attempt.signal));
        facts = {
          retries,
          method,
          url: urlOf(input),
          response: {
            status: response.status,
            statusText: response.statusText,
            headers: response.headers,
            // As read, not a `...rest` copy without `readError` (a slow generic property walk on every error):
            // core reads the body's three fields by name.
            body: read,
          },
          // How the body broke off (a reset, a failed decoding), for core to weigh against the status.
          thrown: read.readError,
        };
      } catch (thrown) {
        const refusedHeader = invalidHeaderName(prepared.init?.headers ?? callerHeadersOf(input, init));
        if (refusedHeader !== undefined && thrown instanceof TypeError) {
          attempt.dispose();
          throw callerMistake(invalidHeaderError(refusedHeader), input, init, prepared);
        }
        facts = {
          retries,
          attemptTexts,
          method,
          url: urlOf(input),
          sentRequestId: prepared.sentRequestId ?? readSentRequestId(callerHeadersOf(input, init)),
          thrown,
          timedOut: attempt.timedOut(),
          aborted: callerSignal?.aborted === true,
        };
      }
      attempt.dispose();
      const error: BceError = attemptError(facts, resolved);
      // Asked only once an attempt failed: a success never needs to know.
      if (!shouldRetryAttempt(error, retries, body ?? fetchBodyFacts(input, init), resolved)) throw error;
      const sentRequestId = prepared.sentRequestId ?? readSentRequestId(callerHeadersOf(input, init));
      await waitBeforeRetry(
        error,
        { retries, attemptTexts, sentRequestId, method, url: urlOf(input) },
        resolved,
        callerSignal,
      );
      attemptTexts = attemptTextsAfter(error, attemptTexts);
      retries += 1;
    }
  }

  /**
   * The error of a call fetch refused before sending anything (a method that is not a string, a header value with
   * a line break): a `BceClientError` whose cause says what to fix. fetch's own error is replaced, not kept: it
   * quotes the refused header value, typically a token.
   */
  function callerMistake(
    thrown: unknown,
    input: RequestInfo | URL,
    init: RequestInit | undefined,
    prepared: PreparedRequest | undefined,
  ): BceError {
    const refusedHeader = invalidHeaderName(prepared?.init?.headers ?? callerHeadersOf(input, init));
    const method: unknown = prepared?.method ?? readProperty(init, 'method');
    return attemptError(
      {
        retries: 0,
        method: typeof method === 'string' ? method : undefined,
        url: urlOf(input),
        sentRequestId: prepared?.sentRequestId,
        thrown: refusedHeader === undefined ? thrown : invalidHeaderError(refusedHeader),
      },
      resolved,
    );
  }
  return bceFetch;
}
