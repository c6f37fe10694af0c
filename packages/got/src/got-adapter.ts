import { isBceClientError, isBceError, type BceError } from '@bce-errors/core';
import {
  attemptError,
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
  type ResolvedAdapterOptions,
} from '@bce-errors/core/adapter';
// got is ESM-only: the resolution mode lets the CommonJS declarations (index.d.cts) refer to its types too.
import type { ExtendOptions, Options, RequestError } from 'got' with { 'resolution-mode': 'import' };
import { createBoundedRequest } from './bounded-request.js';
import type { BceGotOptions } from './types.js';

// Every method: the SDKs retry by failure, not by method. The policy below decides; got's own lists stay empty.
const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE'] as const;
// got resolves a 304, which Java and Python count as an error (P1); an `afterResponse` hook rejects it under this
// name (got is type-only here: the CommonJS build cannot load ESM-only got to throw its own HTTPError).
const ERROR_STATUS_NAME = 'BceErrorStatus';

/** The body of a got request, whichever option carries it. */
function requestBodyOf(gotOptions: unknown): RequestBodyFacts {
  const body = readProperty(gotOptions, 'body') ?? readProperty(gotOptions, 'json') ?? readProperty(gotOptions, 'form');
  return describeRequestBody(body);
}

/**
 * Converts one failed got attempt. Conversions are cached per got error: got asks `calculateDelay` and then
 * `beforeError` about the same final error.
 */
function createConverter(options: ResolvedAdapterOptions): {
  convert: (error: RequestError, retries: number) => BceError;
  passedResponse: (error: BceError) => unknown;
} {
  const converted = new WeakMap<object, BceError>();
  const history = new WeakMap<object, readonly string[]>();
  // P1: got rejects a 1xx or 3xx it did not follow; in go style that response is a success. Kept per final error.
  const passed = new WeakMap<object, unknown>();

  function convert(error: RequestError, retries: number): BceError {
    const cached = converted.get(error);
    if (cached !== undefined) return cached;
    const gotOptions = readProperty(error, 'options') as Options | undefined;
    const request = readProperty(error, 'request');
    const earlierTexts = typeof request === 'object' && request !== null ? history.get(request) : undefined;
    const result = attemptError(
      {
        retries,
        attemptTexts: earlierTexts,
        method: typeof gotOptions?.method === 'string' ? gotOptions.method : undefined,
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
    const status = readProperty(readProperty(error, 'response'), 'statusCode');
    if (error.name === 'HTTPError' && typeof status === 'number' && !isErrorStatus(options.style, status)) {
      passed.set(result, readProperty(error, 'response'));
    }
    converted.set(error, result);
    return result;
  }
  return { convert, passedResponse: (error) => passed.get(error) };
}

/**
 * The response of a got error, when it is the attempt's outcome: a status got (or our 304 hook) rejected, or a
 * body that broke off (a ReadError). Any other error with a response (a timeout while reading) is a client error.
 */
function responseOf(error: RequestError): AttemptResponse | undefined {
  const response = readProperty(error, 'response');
  const status = readProperty(response, 'statusCode');
  if (typeof status !== 'number') return undefined;
  const rejectedStatus =
    error.name === 'HTTPError' || readProperty(readProperty(error, 'cause'), 'name') === ERROR_STATUS_NAME;
  if (!rejectedStatus && error.name !== 'ReadError') return undefined;
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
      // A ReadError is a body cut short by the server (P7).
      incomplete: error.name === 'ReadError',
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
  convert: (error: unknown) => BceError,
  passedResponse: (error: BceError) => unknown,
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
  const { convert, passedResponse } = createConverter(resolved);
  const { policy } = resolved;
  const convertingMethods = createConvertingMethods(finalError, passedResponse);
  return {
    request: createBoundedRequest(resolved.maxErrorBodyBytes),
    retry: {
      limit: policy.maxRetries,
      methods: [...ALL_METHODS],
      statusCodes: [],
      errorCodes: [],
      calculateDelay: ({ attemptCount, error }) => {
        const retries = attemptCount - 1;
        const failure = convert(error, retries);
        if (!shouldRetryAttempt(failure, retries, requestBodyOf(readProperty(error, 'options')), resolved)) return 0;
        // got reads 0 as "do not retry", so a zero delay from a custom policy waits one millisecond.
        return Math.max(1, nextRetryDelay(resolved, failure, retries));
      },
    },
    hooks: {
      beforeRequest: resolved.requestId
        ? [
            (requestOptions) => {
              requestOptions.headers[REQUEST_ID_HEADER] ??= createRequestId();
            },
          ]
        : [],
      afterResponse: isErrorStatus(resolved.style, 304)
        ? [
            (response) => {
              if (response.statusCode !== 304) return response;
              const error = new Error('Response code 304 (Not Modified)');
              error.name = ERROR_STATUS_NAME;
              throw error;
            },
          ]
        : [],
      // got (>= 14.6.1) rejects with what this hook returns, and its `.json()`/`.text()` shortcuts wait for it.
      beforeError: [finalError],
    },
    // got runs `beforeError` for every failure but three: an abort by the caller's signal, a `.cancel()` of its
    // promise, and options it could not build. A handler returning a new promise would catch those, but got then
    // copies its shortcuts onto that promise on every request (~2.5 µs); instead got's own promise gets a `then`,
    // `catch` and `finally` that convert a rejection, and goes back to got unchanged.
    handlers: [
      (handlerOptions, next) => {
        const result = next(handlerOptions);
        if ((handlerOptions as Options | undefined)?.isStream === true || !(result instanceof Promise)) return result;
        // Plain assignments, like got's own shortcuts: defining them with descriptors costs ~4 times as much.
        const promise = result as unknown as Record<'then' | 'catch' | 'finally', unknown>;
        promise.then = convertingMethods.then;
        promise.catch = convertingMethods.catch;
        promise.finally = convertingMethods.finally;
        return result;
      },
    ],
  };

  function finalError(error: unknown): BceError {
    if (isBceError(error)) return error;
    const retries = readProperty(readProperty(error, 'request'), 'retryCount');
    return convert(error as RequestError, typeof retries === 'number' ? retries : 0);
  }
}
