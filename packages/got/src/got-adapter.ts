import {
  isBceClientError,
  isBceError,
  isSensitiveHeaderName,
  REDACTED,
  redactText,
  type BceError,
} from '@bce-errors/core';
import {
  attemptError,
  callerFailureCause,
  createRequestId,
  describeRequestBody,
  isErrorStatus,
  nextRetryDelay,
  readHeader,
  readProperty,
  readWatchedErrorBody,
  REQUEST_ID_HEADER,
  resolveAdapterOptions,
  shouldRetryAttempt,
  type AttemptResponse,
  type RequestBodyFacts,
  type RequestBodyOptions,
  type ResolvedAdapterOptions,
} from '@bce-errors/core/adapter';
// got is ESM-only: the resolution mode lets the CommonJS declarations (index.d.cts) refer to its types too.
import type { BeforeErrorHook, BeforeRequestHook, ExtendOptions, Options, RequestError, RetryOptions } from 'got' with {
  'resolution-mode': 'import',
};
import { createBoundedRequest } from './bounded-request.js';
import { convertStreamErrors } from './convert-stream-errors.js';
import { errorBodySettled } from './error-body-settled.js';
import type { BceGotOptions } from './types.js';
import { createUserHookFailures, type UserHookFailures } from './user-hooks.js';

// Every method: the SDKs retry by failure, not by method. The policy below decides; got's own status and error code
// lists stay empty (they are not read). A user's `retry.methods` replaces this list and narrows the retries.
const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE'] as const;
// got resolves a 304, which Java and Python count as an error (P1); an `afterResponse` hook rejects it under this
// name (got is type-only here: the CommonJS build cannot load ESM-only got to throw its own HTTPError).
const ERROR_STATUS_NAME = 'BceErrorStatus';

const GOT_BODY_ENCODING: RequestBodyOptions = Object.freeze({ reencodesFormData: false });

/**
 * The body of a got request, whichever option carries it. got encodes a `FormData` (the global one, a polyfill's, or
 * another realm's) once, into a generator it cannot read again (a retry hangs). By the time a retry is decided got has
 * put that generator in `body`, which core counts as one-shot; a `FormData` still in the options is one-shot too, as
 * core is told here. The decision itself is core's.
 */
function requestBodyOf(gotOptions: unknown): RequestBodyFacts {
  const body = readProperty(gotOptions, 'body') ?? readProperty(gotOptions, 'json') ?? readProperty(gotOptions, 'form');
  return describeRequestBody(body, GOT_BODY_ENCODING);
}

/** A header value without credentials: a string, or each string of a repeated header's list. */
function redactHeaderValue(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  return Array.isArray(value)
    ? Object.freeze(value.map((item: unknown) => (typeof item === 'string' ? redactText(item) : item)))
    : value;
}

/**
 * What `error.response` shows of got's response: status, reason, headers without credentials, the body text. Every
 * string is redacted, the reason phrase too: a server (or a proxy) can echo the request's signature in its status
 * line.
 */
function responseSnapshot(response: unknown): Readonly<Record<string, unknown>> {
  const headers: Record<string, unknown> = {};
  const source = readProperty(response, 'headers');
  if (typeof source === 'object' && source !== null) {
    for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
      headers[name] = isSensitiveHeaderName(name) ? REDACTED : redactHeaderValue(value);
    }
  }
  const body = readProperty(response, 'body');
  const statusMessage = readProperty(response, 'statusMessage');
  return Object.freeze({
    statusCode: readProperty(response, 'statusCode'),
    statusMessage: typeof statusMessage === 'string' ? redactText(statusMessage) : undefined,
    headers: Object.freeze(headers),
    body: typeof body === 'string' ? redactText(body) : undefined,
  });
}

/**
 * Converts one failed got attempt. Conversions are cached per got error: got asks `calculateDelay` and then
 * `beforeError` about the same final error.
 */
function createConverter(
  options: ResolvedAdapterOptions,
  userHooks: UserHookFailures,
): {
  convert: (error: RequestError, retries: number) => BceError;
  passedResponse: (error: unknown) => unknown;
} {
  const converted = new WeakMap<object, BceError>();
  const history = new WeakMap<object, readonly string[]>();
  // P1: got rejects a 1xx or 3xx it did not follow; in go style that response is a success. Kept per final error.
  const passed = new WeakMap<object, unknown>();

  function convert(error: RequestError, retries: number): BceError {
    const cached = converted.get(error);
    if (cached !== undefined) return cached;
    const userFailure = userHooks.failureOf(error);
    if (userFailure !== undefined) {
      const result = userHookError(error, userFailure, retries);
      converted.set(error, result);
      return result;
    }
    const gotOptions = readProperty(error, 'options') as Options | undefined;
    const request = readProperty(error, 'request');
    const earlierTexts = typeof request === 'object' && request !== null ? history.get(request) : undefined;
    const result = attemptError(
      {
        retries,
        attemptTexts: earlierTexts,
        method: typeof gotOptions?.method === 'string' ? gotOptions.method : undefined,
        url: gotOptions?.url,
        sentRequestId: readHeader(gotOptions?.headers, REQUEST_ID_HEADER),
        response: responseOf(error),
        thrown: error,
        aborted: error.name === 'AbortError' || gotOptions?.signal?.aborted === true,
      },
      options,
    );
    if (isBceClientError(result) && typeof request === 'object' && request !== null) {
      history.set(request, result.attemptTexts);
    }
    const response = readProperty(error, 'response');
    // got users (and their hooks) read `error.response`: a redacted snapshot of it, never got's own response, which
    // carries the request's options with the Authorization header as sent (contract A). Not enumerable, so
    // `toJSON()` and a spread leave it out.
    if (response !== undefined && !Object.hasOwn(result, 'response')) {
      Object.defineProperty(result, 'response', {
        value: responseSnapshot(response),
        writable: true,
        configurable: true,
      });
    }
    const status = readProperty(response, 'statusCode');
    if (error.name === 'HTTPError' && typeof status === 'number' && !isErrorStatus(options.style, status)) {
      passed.set(result, response);
    }
    converted.set(error, result);
    return result;
  }
  /**
   * A user's hook threw: its own error is the `cause`, as it is (class and fields), or a redacted copy where it would
   * show a credential (got's error or response it wrapped or carries: core's `callerFailureCause`). A `beforeRetry` hook's failure ends the request with the error it was
   * called for (the service error that triggered the retry), now caused by the hook's error.
   */
  function userHookError(error: RequestError, failure: unknown, retries: number): BceError {
    const retried = userHooks.retriedErrorOf(failure);
    // Read, not trusted: options got could not build are missing.
    const gotOptions = readProperty(error, 'options') as Options | undefined;
    const result =
      retried !== undefined && retried !== error
        ? convert(retried as RequestError, retries)
        : attemptError(
            {
              retries,
              method: typeof gotOptions?.method === 'string' ? gotOptions.method : undefined,
              url: gotOptions?.url,
              sentRequestId: readHeader(gotOptions?.headers, REQUEST_ID_HEADER),
              thrown: failure,
            },
            options,
          );
    Object.defineProperty(result, 'cause', {
      value: callerFailureCause(failure),
      writable: true,
      configurable: true,
      enumerable: false,
    });
    return result;
  }

  return {
    convert,
    passedResponse: (error) => (typeof error === 'object' && error !== null ? passed.get(error) : undefined),
  };
}

// got's names for a connection that broke while the response body arrived: a ReadError (the response stream
// failed), or a RequestError around the socket's own error (ECONNRESET, EPIPE) once the headers were in.
const BROKEN_BODY_NAMES: ReadonlySet<string> = new Set(['ReadError', 'RequestError']);

/**
 * The response of a got error, when it is the attempt's outcome: a status got (or our 304 hook) rejected, or a
 * body that broke off after the status line and headers arrived (a ReadError, or a RequestError such as a TCP reset
 * mid-body), which core weighs by its status (an error status is the service error built from the bytes that
 * arrived, a success one `BodyReadFailure`). Any other error with a response (a timeout while reading, an abort, a
 * success body got could not parse) is a client error.
 */
function responseOf(error: RequestError): AttemptResponse | undefined {
  const response = readProperty(error, 'response');
  const status = readProperty(response, 'statusCode');
  if (typeof status !== 'number') return undefined;
  const rejectedStatus =
    error.name === 'HTTPError' || readProperty(readProperty(error, 'cause'), 'name') === ERROR_STATUS_NAME;
  const brokenBody = !rejectedStatus && BROKEN_BODY_NAMES.has(error.name);
  if (!rejectedStatus && !brokenBody) return undefined;
  const captured = readWatchedErrorBody(response);
  const rawBody = readProperty(response, 'rawBody');
  const statusMessage = readProperty(response, 'statusMessage');
  return {
    status,
    statusText: typeof statusMessage === 'string' ? statusMessage : undefined,
    headers: readProperty(response, 'headers') as AttemptResponse['headers'],
    // The request function's watcher kept the body as it arrived (bounded, cut short or not); got's own rawBody is
    // the fallback where it is not done yet (a compressed body still decoding).
    body: captured ?? {
      bytes: rawBody instanceof Uint8Array ? rawBody : null,
      truncated: false,
      // A body that broke off is cut short (P7); a success one is never watched, so this is where it says so.
      incomplete: brokenBody,
    },
  };
}

type Settle = ((value: unknown) => unknown) | null | undefined;

/**
 * A `then`, `catch` and `finally` that pass every rejection through `convert`, for got's promise. They call the
 * `then` of the promise's prototype on `this`, not got's promise by closure: got's `.json()`, `.text()` and
 * `.buffer()` await this promise and then copy its own properties onto the native promise they return, where
 * `this` is that promise.
 */
function createConvertingMethods(
  convert: (error: unknown) => unknown,
  passedResponse: (error: unknown) => unknown,
): Record<'then' | 'catch' | 'finally', unknown> {
  function then(this: PromiseLike<unknown>, onFulfilled?: Settle, onRejected?: Settle): PromiseLike<unknown> {
    const prototype = Object.getPrototypeOf(this) as {
      then: (this: unknown, ...handlers: Settle[]) => PromiseLike<unknown>;
    };
    return prototype.then.call(this, onFulfilled, (error: unknown) => {
      const converted = convert(error);
      const response = passedResponse(converted);
      if (response !== undefined) return typeof onFulfilled === 'function' ? onFulfilled(response) : response;
      if (typeof onRejected !== 'function') throw converted;
      return onRejected(converted);
    });
  }
  function catchConverted(this: PromiseLike<unknown>, onRejected?: Settle): PromiseLike<unknown> {
    return then.call(this, undefined, onRejected);
  }
  function finallyConverted(this: PromiseLike<unknown>, onFinally?: (() => unknown) | null): PromiseLike<unknown> {
    if (typeof onFinally !== 'function') return then.call(this);
    return then.call(
      this,
      async (value) => {
        await onFinally();
        return value;
      },
      async (error) => {
        await onFinally();
        throw error;
      },
    );
  }
  return { then, catch: catchConverted, finally: finallyConverted };
}

/**
 * got options that turn every failure into the contract's errors and retries: a `BceServiceError` for an HTTP
 * error response, a `BceClientError` for everything else, after the style's retries, which run through got's own
 * retry machinery (so `beforeRequest` hooks such as signing run again for every attempt).
 *
 * @example
 * const client = got.extend(bceErrors({ style: 'java' }));
 * await client.get('https://bos.bj.baidubce.com/bucket/key'); // rejects with BceServiceError on 4xx/5xx
 */
export function bceErrors(options?: BceGotOptions): ExtendOptions {
  const resolved = resolveAdapterOptions(options, 'bceErrors');
  const userHooks = createUserHookFailures();
  const { convert, passedResponse } = createConverter(resolved, userHooks);
  // The errors a user's `beforeError` hook returned instead of ours: the rejection as they are (see keepHookError).
  const hookErrors = new WeakSet();
  const convertRejection = (error: unknown): unknown =>
    typeof error === 'object' && error !== null && hookErrors.has(error) ? error : finalError(error);
  const convertingMethods = createConvertingMethods(convertRejection, passedResponse);
  const sendRequestId: BeforeRequestHook = (requestOptions): void => {
    requestOptions.headers[REQUEST_ID_HEADER] ??= createRequestId();
  };
  const rejectNotModified = <T extends { statusCode: number }>(response: T): T => {
    if (response.statusCode !== 304) return response;
    const error = new Error('Response code 304 (Not Modified)');
    error.name = ERROR_STATUS_NAME;
    throw error;
  };
  const ourHooks: ReadonlySet<unknown> = new Set([sendRequestId, rejectNotModified]);
  const calculateDelay: NonNullable<RetryOptions['calculateDelay']> = async ({ attemptCount, error, retryOptions }) => {
    const retries = attemptCount - 1;
    // What ends the request whatever the error is, decided before it is built: the error of a request that ends is
    // built once, by `beforeError` (where got hands it over), not here inside got's retry step.
    // A user's hook that threw would throw again: its failure ends the request.
    if (userHooks.failureOf(error) !== undefined) return 0;
    const gotOptions = readProperty(error, 'options');
    if (!gotAllowsRetry(retryOptions, gotOptions, retries)) return 0;
    // The policy retries no more than `maxRetries` times, whatever the error (`retry: false` is 0).
    if (!(retries < resolved.policy.maxRetries)) return 0;
    // The policy decides from the error: it is made (and cached for `beforeError`) once the error body is decoded.
    const settling = errorBodySettled(error);
    if (settling !== undefined) await settling;
    const failure = convert(error, retries);
    if (!shouldRetryAttempt(failure, retries, requestBodyOf(gotOptions), resolved)) return 0;
    // got reads 0 as "do not retry", so a zero delay from a custom policy waits one millisecond.
    return Math.max(1, nextRetryDelay(resolved, failure, retries));
  };
  return {
    request: createBoundedRequest(resolved.maxErrorBodyBytes, (status) => isErrorStatus(resolved.style, status)),
    retry: {
      // got merges `retry` objects key by key, so a `limit` or `methods` merged after this one (a later extend, a
      // request's options) replaces ours, and `calculateDelay` reads the request's merged values: Infinity means the
      // user set no limit, and the style's `maxRetries` alone counts. A value merged before this one is brought
      // forward by the init hook below.
      limit: Number.POSITIVE_INFINITY,
      methods: [...ALL_METHODS],
      statusCodes: [],
      errorCodes: [],
      // got 15+ enforce `limit`, `methods`, `statusCodes` and `errorCodes` before asking `calculateDelay` (got 14
      // did not by default): with the empty lists above, nothing would be retried. The policy reads the user's
      // `limit` and `methods` itself (gotAllowsRetry).
      enforceRetryRules: false,
      calculateDelay,
    },
    hooks: {
      init: [keepEarlierRetrySettings],
      beforeRequest: resolved.requestId ? [sendRequestId] : [],
      afterResponse: isErrorStatus(resolved.style, 304) ? [rejectNotModified] : [],
      // got (>= 14.6.1) rejects with what this hook returns, and its `.json()`/`.text()` shortcuts wait for it.
      beforeError: [settledFinalError],
    },
    // got runs `beforeError` for every failure but three: an abort by the caller's signal, a `.cancel()` of its
    // promise, and options it could not build. A handler returning a new promise would catch those, but got then
    // copies its shortcuts onto that promise on every request (~2.5 µs); instead got 14's promise (a PCancelable)
    // gets a `then`, `catch` and `finally` that convert a rejection, and goes back to got unchanged. got 15+ return
    // a native Promise, which `await` settles without calling an own `then`: it gets a converting promise instead.
    // A stream converts the errors it is destroyed with.
    handlers: [
      (handlerOptions, next) => {
        const hooks = readProperty(handlerOptions, 'hooks');
        const beforeError = readProperty(hooks, 'beforeError');
        // Only when the user added hooks: the common case allocates nothing per request.
        if (Array.isArray(beforeError) && beforeError.length > 1 && beforeError.includes(settledFinalError)) {
          arrangeBeforeErrorHooks(beforeError as BeforeErrorHook[]);
        }
        wrapUserHooks(hooks);
        const result = next(handlerOptions);
        if ((handlerOptions as Options | undefined)?.isStream === true) {
          convertStreamErrors(result, (error) => convertRejection(error) as Error, convertRetried);
          return result;
        }
        if (!(result instanceof Promise)) return result;
        if (Object.getPrototypeOf(result) === Promise.prototype) return convertingPromise(result) as typeof result;
        // Plain assignments, like got's own shortcuts: defining them with descriptors costs ~4 times as much.
        const promise = result as unknown as Record<'then' | 'catch' | 'finally', unknown>;
        promise.then = convertingMethods.then;
        promise.catch = convertingMethods.catch;
        promise.finally = convertingMethods.finally;
        return result;
      },
    ],
  };

  /** got 15+: a promise that settles as got's does, with every rejection converted (got copies its shortcuts on). */
  function convertingPromise(result: Promise<unknown>): Promise<unknown> {
    return Promise.prototype.then.call(result, undefined, (error: unknown) => {
      const converted = convertRejection(error);
      const response = passedResponse(converted);
      if (response !== undefined) return response;
      throw converted;
    });
  }

  /** The error a stream's 'retry' listeners get: the attempt's conversion, cached for the final one. */
  function convertRetried(error: unknown, retries: number): unknown {
    return isBceError(error) || typeof error !== 'object' || error === null
      ? error
      : convert(error as RequestError, retries);
  }

  /** Wraps the user's hooks that can throw into a request (see user-hooks.ts), on the request's copy of them. */
  function wrapUserHooks(hooks: unknown): void {
    for (const event of ['beforeRequest', 'afterResponse', 'beforeRetry'] as const) {
      const list = readProperty(hooks, event);
      // Ours alone (the common case) need nothing.
      if (Array.isArray(list) && list.some((hook) => !ourHooks.has(hook))) userHooks.wrap(list, event, ourHooks);
    }
  }

  function finalError(error: unknown): BceError {
    if (isBceError(error)) return error;
    const retries = readProperty(readProperty(error, 'request'), 'retryCount');
    return convert(error as RequestError, typeof retries === 'number' ? retries : 0);
  }

  /**
   * The `beforeError` hook: the final error, once the watcher is done with its error body. got asks `calculateDelay`
   * first only when a retry can follow (and a stream has 'retry' listeners); otherwise the error is built here, with
   * the body decoded too (a compressed one finishes decoding after got failed the attempt). Synchronous (no promise
   * of its own) when there is nothing to wait for.
   */
  function settledFinalError(error: unknown): BceError | Promise<BceError> {
    if (isBceError(error)) return error;
    const settling = errorBodySettled(error);
    // `convert` called from here, not through finalError: one frame less in the stack V8 captures and Node formats.
    if (settling !== undefined) return settling.then(() => finalError(error));
    const retries = readProperty(readProperty(error, 'request'), 'retryCount');
    return convert(error as RequestError, typeof retries === 'number' ? retries : 0);
  }

  /**
   * An `init` hook: got runs it on every options object merged after ours, and on ours. When ours is merged (as in
   * `got.extend({ retry: { limit: 0 } }, bceErrors())`), the user's `retry.limit` and `retry.methods` merged before
   * it would be overwritten by our values; they are copied into our (already cloned) options instead. got keeps
   * every merged options object, in order, in the Options' `_init` list (got 14.6.1 to 14.6.x; its tests run both).
   * got 15 and 16 keep that list private, but run the hook before they apply ours: the options' `retry` is then
   * what was merged so far, and what differs from got's own defaults there is the user's.
   */
  function keepEarlierRetrySettings(init: unknown, self: unknown): void {
    const ours = readProperty(init, 'retry');
    if (readProperty(ours, 'calculateDelay') !== calculateDelay) return;
    const merged = readProperty(self, '_init');
    if (!Array.isArray(merged)) {
      keepChangedRetrySettings(ours as { limit: number; methods: unknown[] }, self);
      return;
    }
    for (const earlier of merged) {
      const retry = readProperty(earlier, 'retry');
      if (readProperty(retry, 'calculateDelay') === calculateDelay) continue;
      const limit = readProperty(retry, 'limit');
      const methods = readProperty(retry, 'methods');
      if (typeof limit === 'number') (ours as { limit: number }).limit = limit;
      if (Array.isArray(methods)) (ours as { methods: unknown[] }).methods = [...(methods as unknown[])];
    }
  }

  /**
   * Puts our conversion first among a request's `beforeError` hooks, so every user hook, installed before or after
   * ours, gets the `BceError`; and a last hook that keeps a user hook's own error as the rejection, with the
   * `BceError` as its `cause` (see keepHookError). Runs on the request's own copy of the hooks.
   */
  function arrangeBeforeErrorHooks(hooks: BeforeErrorHook[]): void {
    const userHooks = hooks.filter((hook) => hook !== settledFinalError);
    let ours: BceError | undefined;
    hooks.splice(
      0,
      hooks.length,
      async (error) => (ours = await settledFinalError(error)),
      ...userHooks,
      (error) => keepHookError(error, ours),
    );
  }

  /**
   * A user `beforeError` hook that returned its own error (not a `BceError`) decides the rejection, as in got; the
   * `BceError` becomes that error's `cause` when it has none.
   */
  function keepHookError(error: Error, ours: BceError | undefined): Error {
    if (isBceError(error)) return error;
    if (ours !== undefined && !Object.hasOwn(error, 'cause')) {
      Object.defineProperty(error, 'cause', { value: ours, writable: true, configurable: true });
    }
    hookErrors.add(error);
    return error;
  }
}

// got's own `retry` defaults, per got copy (15 and 16 differ: 16 retries QUERY too).
const defaultRetryOf = new WeakMap<object, unknown>();

/** The defaults of the got copy whose options `self` is: a fresh Options of the same class. */
function gotDefaultRetry(self: object): unknown {
  const Options = self.constructor as (new () => unknown) | undefined;
  if (typeof Options !== 'function') return undefined;
  if (!defaultRetryOf.has(Options)) {
    try {
      defaultRetryOf.set(Options, readProperty(new Options(), 'retry'));
    } catch {
      defaultRetryOf.set(Options, undefined);
    }
  }
  return defaultRetryOf.get(Options);
}

function sameMethods(left: readonly unknown[], right: unknown): boolean {
  return Array.isArray(right) && left.length === right.length && left.every((method) => right.includes(method));
}

/** got 15+: copies into ours the `retry.limit` and `retry.methods` merged so far that are not got's defaults. */
function keepChangedRetrySettings(ours: { limit: number; methods: unknown[] }, self: unknown): void {
  if (typeof self !== 'object' || self === null) return;
  const current = readProperty(self, 'retry');
  const defaults = gotDefaultRetry(self);
  if (defaults === undefined) return;
  const limit = readProperty(current, 'limit');
  const methods = readProperty(current, 'methods');
  if (typeof limit === 'number' && limit !== readProperty(defaults, 'limit')) ours.limit = limit;
  if (Array.isArray(methods) && !sameMethods(methods as unknown[], readProperty(defaults, 'methods'))) {
    ours.methods = [...(methods as unknown[])];
  }
}

/**
 * The user's got `retry` settings, read from the request's merged options: at most `limit` retries (Infinity, ours,
 * when the user set none), and only for a method in `methods`.
 */
function gotAllowsRetry(retryOptions: unknown, gotOptions: unknown, retries: number): boolean {
  const limit = readProperty(retryOptions, 'limit');
  if (typeof limit === 'number' && !(retries < limit)) return false;
  const methods = readProperty(retryOptions, 'methods');
  const method = readProperty(gotOptions, 'method');
  return !Array.isArray(methods) || typeof method !== 'string' || methods.includes(method.toUpperCase());
}
