import { isBceError, type BceError } from '@bce-errors/core';
import {
  attemptError,
  attemptTextsAfter,
  callerFailureCause,
  createRequestId,
  describeRequestBody,
  ERROR_BODY_STALL_MILLISECONDS,
  isErrorStatus,
  readHeader,
  readProperty,
  REQUEST_ID_HEADER,
  resolveAdapterOptions,
  shouldRetryAttempt,
  waitBeforeRetry,
  type AttemptFacts,
  type AttemptResponse,
  type ErrorBody,
  type ResolvedAdapterOptions,
} from '@bce-errors/core/adapter';
import type { AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { axiosRetryCount, redirectBehindAxiosRetry } from './axios-retry.js';
import type { AgentBounding } from './agent-bounding.js';
import { boundedFetchBody, createFetchBounding, usesFetchAdapter } from './bounded-fetch.js';
import { readErrorBodyWithin, type BodyStop } from './read-error-body-within.js';
import { isNodeReadable, isWebStream, readResponseData } from './read-response-data.js';
import { createRequestUrlOf } from './request-url.js';
import type { BceAxiosOptions, UninstallBceErrors } from './types.js';

// A string key, not a symbol: axios' mergeConfig keeps unknown string keys when a config is dispatched again.
const ATTEMPT_KEY = 'bceErrorsAttempt';

interface AttemptState {
  retries: number;
  attemptTexts: readonly string[];
}

// axios' own `timeout` in Node only fires when the socket goes quiet, so a body that keeps dripping is never cut.
// Each attempt with a timeout also gets a deadline of that length, up to the response (the whole body for a
// buffered one, the headers for `responseType: 'stream'`). String keys survive axios' mergeConfig on a retry.
const DEADLINE_KEY = 'bceErrorsDeadline';
const CALLER_SIGNAL_KEY = 'bceErrorsCallerSignal';

interface AttemptDeadline {
  /** Aborted by the deadline alone, never by the caller: `timedOut` is read from it. */
  signal: AbortSignal;
  timer: ReturnType<typeof setTimeout>;
  /** Stops the attempt's signal from following the caller's, if it does. */
  release: (() => void) | undefined;
}

type ConfigWithAttempt = InternalAxiosRequestConfig & {
  [ATTEMPT_KEY]?: AttemptState;
  [DEADLINE_KEY]?: AttemptDeadline;
  /** The caller's own signal, `null` for none, once an attempt has replaced `signal` with the combined one. */
  [CALLER_SIGNAL_KEY]?: AbortSignal | null;
};

/** The caller's signal, not the one combined with an attempt's deadline. */
function callerSignalOf(config: ConfigWithAttempt | undefined): AbortSignal | undefined {
  if (config === undefined) return undefined;
  if (CALLER_SIGNAL_KEY in config) return config[CALLER_SIGNAL_KEY] ?? undefined;
  return config.signal as AbortSignal | undefined;
}

function clearDeadline(config: ConfigWithAttempt | undefined): void {
  const deadline = config?.[DEADLINE_KEY];
  if (deadline === undefined) return;
  clearTimeout(deadline.timer);
  deadline.release?.();
}

/** Gives the attempt a deadline of `config.timeout` ms combined with the caller's signal. */
function armDeadline(config: ConfigWithAttempt): void {
  const timeout = config.timeout;
  // A retry that axios-retry dispatched carries the previous attempt's deadline, which nothing else clears.
  clearDeadline(config);
  // Runtimes without AbortSignal.any (before Node 20.3, Safari 17.4) have always kept axios' own timeout alone.
  if (typeof timeout !== 'number' || timeout <= 0 || typeof AbortSignal.any !== 'function') return;
  const callerSignal = callerSignalOf(config);
  const deadline = new AbortController();
  // With the caller's signal, axios gets one that follows both: a listener on the caller's, not AbortSignal.any
  // (~20 µs a call in Node 20, on every request with a timeout and a signal, success or not).
  const combined = callerSignal === undefined ? deadline : new AbortController();
  let release: (() => void) | undefined;
  const timer = setTimeout(() => {
    const reason = new DOMException(`timeout of ${String(timeout)}ms exceeded`, 'TimeoutError');
    deadline.abort(reason);
    combined.abort(reason);
    // An attempt whose outcome never reached the adapter (a later request interceptor threw) lets go here.
    release?.();
  }, timeout);
  if (callerSignal !== undefined) {
    if (callerSignal.aborted) combined.abort(callerSignal.reason);
    else {
      const follow = (): void => {
        combined.abort(callerSignal.reason);
      };
      callerSignal.addEventListener('abort', follow);
      release = () => {
        callerSignal.removeEventListener('abort', follow);
      };
    }
  }
  config[CALLER_SIGNAL_KEY] = callerSignal ?? null;
  config[DEADLINE_KEY] = { signal: deadline.signal, timer, release };
  config.signal = combined.signal;
}

function readConfig(thrown: unknown): ConfigWithAttempt | undefined {
  const config = readProperty(thrown, 'config');
  return typeof config === 'object' && config !== null ? (config as ConfigWithAttempt) : undefined;
}

/**
 * axios rejects a body that broke off or failed to decode ('maxContentLength size of -1 exceeded' in axios 1.7,
 * ERR_BAD_RESPONSE, Z_DATA_ERROR) without `response`, though the server did answer: its status and headers are on
 * the Node response.
 */
function responseOfNode(nodeResponse: unknown): unknown {
  const status = readProperty(nodeResponse, 'statusCode');
  if (typeof status !== 'number') return undefined;
  return {
    status,
    statusText: readProperty(nodeResponse, 'statusMessage'),
    headers: readProperty(nodeResponse, 'headers'),
    data: undefined,
  };
}

/**
 * axios' settle rejected the status, after reading the whole body (or, for `responseType: 'stream'`, with the body
 * as a stream); a body that broke off rejects otherwise. Known by what settle sets, not by its message, which a
 * caller's interceptor may reword: the code of the status class (`ERR_BAD_REQUEST` for 4xx, `ERR_BAD_RESPONSE`
 * otherwise) and a response with its data, which a body that broke off ('stream has been aborted',
 * `ERR_BAD_RESPONSE` too) never has.
 */
function isStatusRejection(thrown: unknown): boolean {
  const response = readProperty(thrown, 'response');
  const status = readProperty(response, 'status');
  if (typeof status !== 'number' || readProperty(response, 'data') === undefined) return false;
  const code = readProperty(thrown, 'code');
  if (status >= 400 && status < 500) return code === 'ERR_BAD_REQUEST';
  // axios 1.7 gives a status outside 4xx and 5xx no code; later versions give it ERR_BAD_RESPONSE, as for 5xx.
  return code === 'ERR_BAD_RESPONSE' || (status < 500 || status >= 600 ? code === undefined || code === null : false);
}

/** axios marks its own errors; anything else that reaches an interceptor was thrown by the caller's own code. */
function isAxiosError(thrown: unknown): boolean {
  return readProperty(thrown, 'isAxiosError') === true;
}

/**
 * The caller's own code (an interceptor, a transform) threw: its error becomes the `cause` as it is, class and
 * fields, of `error`, the adapter's error for it or the service error whose retry it broke; a redacted copy where it
 * would show a credential (an AxiosError it wrapped as its own cause: core's `callerFailureCause`). Defined as
 * `cause` usually is: not enumerable.
 */
function causedByCaller(error: BceError, failure: unknown, retried = false): BceError {
  Object.defineProperty(error, 'cause', {
    value: callerFailureCause(failure),
    writable: true,
    configurable: true,
    enumerable: false,
  });
  // An attempt's own failure: the retry that dispatched it still ends with the error it retried.
  if (!retried) callerFailures.add(error);
  return error;
}

// The adapter's errors for a failure of the caller's own code: the retry that met one ends with the error it retried.
const callerFailures = new WeakSet();

// One install per instance: a second one replaces the first, which would otherwise still run beside it.
const installs = new WeakMap<object, () => void>();

/**
 * What axios' rejection says about the response, if the server answered: status, headers and the error body;
 * `stopped` when the attempt's deadline or the caller's abort (`stop`) ended the body read first.
 */
async function readAttemptResponse(
  thrown: unknown,
  maxBytes: number,
  stop: BodyStop,
  bounding: AgentBounding,
): Promise<AttemptResponse | 'stopped' | undefined> {
  // A connection that broke after the headers arrived (a TCP reset mid-body) rejects with the request's error as
  // `cause` and no response: the agents' watcher kept which response that error broke off.
  const nodeResponse =
    readProperty(readProperty(thrown, 'request'), 'res') ?? bounding.responseBrokenBy(readProperty(thrown, 'cause'));
  const response = readProperty(thrown, 'response') ?? responseOfNode(nodeResponse);
  const status = readProperty(response, 'status');
  if (typeof status !== 'number') return undefined;
  const statusText = readProperty(response, 'statusText');
  const facts = (body: ErrorBody): AttemptResponse => ({
    status,
    statusText: typeof statusText === 'string' ? statusText : undefined,
    headers: readProperty(response, 'headers') as AttemptResponse['headers'],
    body,
  });
  // axios' fetch adapter through the bounded fetch: it read the body as the server sent it, to the bound and within
  // core's limits, before axios saw it (bounded-fetch.ts).
  const fetchedBody = boundedFetchBody(readProperty(thrown, 'request'));
  if (fetchedBody !== undefined) {
    return stop.signals.some((signal) => signal?.aborted === true) ? 'stopped' : facts(fetchedBody);
  }
  const rawData = readProperty(response, 'data');
  const stream = isNodeReadable(rawData) ? rawData : undefined;
  // In Node the agents' watcher kept the body as the server sent it (decoded, bounded, cut short or not); axios' own
  // `data` has been through its JSON parsing and text decoding, so it is only used where no watcher ran (browsers).
  const watchedRead = bounding.watchedBody(nodeResponse);
  const watched = watchedRead !== undefined;
  // A `responseType: 'stream'` copy nobody reads would hold the response (and the watcher) back once it fills.
  if (watched) stream?.resume();
  // axios settled a buffered response after its last byte (the Node response is complete, or a browser handed
  // the body over whole): no byte is still to come, so there is nothing to guard against a stall (a timer per
  // failed request) or to destroy on an abort (a listener per signal); an abort meanwhile still wins.
  const complete =
    stream === undefined &&
    !isWebStream(rawData) &&
    (nodeResponse === undefined || readProperty(nodeResponse, 'complete') === true);
  const source = watchedRead ?? readResponseData(rawData, maxBytes, bounding.readNodeStream);
  const read = complete
    ? await source.then((outcome) => (stop.signals.some((signal) => signal?.aborted === true) ? 'stopped' : outcome))
    : await readErrorBodyWithin(source, stop, [nodeResponse, stream, rawData]);
  if (read === 'stopped') return 'stopped';
  let body: ErrorBody;
  if (!watched || read === undefined) {
    body = read ?? { bytes: null, truncated: false, incomplete: false };
    // axios rejects a response whose body stopped short with no data at all (P7).
    if (rawData === undefined) body = { ...body, incomplete: true };
  } else {
    // axios rejected for something other than the status (the body broke off or failed to decode): the read failed,
    // unless the watcher itself stopped the body at the bound.
    body = read.truncated || isStatusRejection(thrown) ? read : { ...read, incomplete: true };
  }
  return facts(body);
}

/**
 * Whether the caller set an `x-bce-request-id` of their own, in any letter case: what `AxiosHeaders.has` answers,
 * which lower-cases every header name on every call (~0.3 µs a request); AxiosHeaders keeps each header as an own
 * property under its name, so only names of the right length are lower-cased here. The last match counts, as there.
 */
function hasOwnRequestId(headers: object): boolean {
  const names = Object.keys(headers);
  for (let index = names.length - 1; index >= 0; index -= 1) {
    const name = names[index];
    if (name?.length === REQUEST_ID_HEADER.length && name.toLowerCase() === REQUEST_ID_HEADER)
      return (headers as Record<string, unknown>)[name] !== undefined;
  }
  return false;
}

/** The facts of one failed axios attempt, for core's attempt step. */
async function attemptFacts(
  thrown: unknown,
  config: ConfigWithAttempt | undefined,
  state: AttemptState,
  options: ResolvedAdapterOptions,
  url: string | undefined,
  bounding: AgentBounding,
): Promise<AttemptFacts> {
  const deadline = config?.[DEADLINE_KEY]?.signal;
  const callerSignal = callerSignalOf(config);
  // The attempt's deadline (its `timeout`) still runs while a `responseType: 'stream'` error body is read; without
  // one, a stall guard ends the read. The caller's abort ends it at once.
  const stop: BodyStop = {
    signals: [deadline, callerSignal],
    stallMs: deadline === undefined ? ERROR_BODY_STALL_MILLISECONDS : undefined,
  };
  const response = await readAttemptResponse(thrown, options.maxErrorBodyBytes, stop, bounding);
  const timedOut = deadline?.aborted === true;
  return {
    retries: state.retries,
    attemptTexts: state.attemptTexts,
    method: typeof config?.method === 'string' ? config.method : undefined,
    url,
    sentRequestId: readHeader(config?.headers, REQUEST_ID_HEADER),
    // Stopped by the deadline or the caller: the attempt timed out or was aborted, whatever the status said.
    response: response === 'stopped' ? undefined : response,
    // axios reports an abort through a signal as a bare `canceled`, the deadline's and the caller's alike: the
    // signal's reason says which it was (`timeout of 1000ms exceeded`, the caller's own reason).
    thrown: ((timedOut ? deadline.reason : callerSignal?.aborted === true ? callerSignal.reason : undefined) ??
      thrown) as unknown,
    timedOut,
    aborted: readProperty(thrown, 'code') === 'ERR_CANCELED' || callerSignal?.aborted === true,
  };
}

/**
 * {@link installBceErrors} with the error-body bounding of the build it is in: Node's agents' watcher, or none in
 * the browser build (`index.ts`, `browser.ts`).
 */
export function installBceErrorsWith(
  bounding: AgentBounding,
  instance: AxiosInstance,
  options?: BceAxiosOptions,
): UninstallBceErrors {
  const candidate: unknown = instance;
  if (
    typeof readProperty(candidate, 'interceptors') !== 'object' ||
    typeof readProperty(candidate, 'request') !== 'function'
  ) {
    throw new TypeError('installBceErrors: pass an axios instance, e.g. installBceErrors(axios.create(), options).');
  }
  const resolved = resolveAdapterOptions(options, 'installBceErrors');
  // Installed already: the new options replace the old, and the old uninstall no longer removes anything.
  installs.get(instance)?.();
  const requestUrlOf = createRequestUrlOf(instance);
  const isError = (status: number): boolean => isErrorStatus(resolved.style, status);
  const boundAgents = bounding.bind(resolved.maxErrorBodyBytes, isError);
  const boundFetch = createFetchBounding(resolved.maxErrorBodyBytes, isError);

  function prepareAttempt(config: InternalAxiosRequestConfig): InternalAxiosRequestConfig {
    if (redirectBehindAxiosRetry(instance, config, moveResponseInterceptorLast)) return config;
    boundAgents(config);
    if (usesFetchAdapter(config.adapter)) {
      const env = boundFetch(config.env);
      if (env !== undefined) config.env = env as InternalAxiosRequestConfig['env'];
    }
    if (resolved.requestId && !hasOwnRequestId(config.headers)) {
      // AxiosHeaders keeps each header as an own property under its name; `set` would re-check and normalise the
      // name and value (~400 ns a request) for a lower-case name and a UUID that need neither.
      config.headers[REQUEST_ID_HEADER] = createRequestId();
    }
    armDeadline(config);
    return config;
  }

  function onFulfilled(response: AxiosResponse): AxiosResponse {
    clearDeadline(response.config);
    return response;
  }

  /**
   * P1: in go style a 1xx or 3xx that reaches the caller (a redirect axios did not follow) is a success, as it is
   * through got and fetch; axios' default `validateStatus` rejects it. A caller's own `validateStatus` is left alone.
   */
  function successRejectedByDefault(thrown: unknown, config: ConfigWithAttempt | undefined): unknown {
    const response = readProperty(thrown, 'response');
    const status = readProperty(response, 'status');
    if (typeof status !== 'number' || isErrorStatus(resolved.style, status)) return undefined;
    if (config?.validateStatus !== instance.defaults.validateStatus) return undefined;
    return isStatusRejection(thrown) ? response : undefined;
  }

  async function onRejected(thrown: unknown): Promise<unknown> {
    // Already ours: a retry dispatched below settled with its own final error.
    if (isBceError(thrown)) throw thrown;
    const config = readConfig(thrown);
    const passed = successRejectedByDefault(thrown, config);
    if (passed !== undefined) {
      clearDeadline(config);
      return passed;
    }
    // axios-retry handles the request: it retries (before this interceptor, or after it moved last), this converts.
    const retriedByAxiosRetry = axiosRetryCount(config);
    const state: AttemptState = config?.[ATTEMPT_KEY] ?? { retries: retriedByAxiosRetry ?? 0, attemptTexts: [] };
    let facts: AttemptFacts;
    try {
      facts = await attemptFacts(thrown, config, state, resolved, requestUrlOf(config), bounding);
    } finally {
      clearDeadline(config);
    }
    const error: BceError = attemptError(facts, resolved);
    if (!isAxiosError(thrown)) throw causedByCaller(error, thrown);
    if (
      config === undefined ||
      retriedByAxiosRetry !== undefined ||
      !shouldRetryAttempt(error, state.retries, describeRequestBody(config.data), resolved)
    )
      throw error;
    await waitBeforeRetry(error, facts, resolved, callerSignalOf(config));
    const next: ConfigWithAttempt = {
      ...config,
      signal: callerSignalOf(config),
      [ATTEMPT_KEY]: { retries: state.retries + 1, attemptTexts: attemptTextsAfter(error, state.attemptTexts) },
    };
    try {
      return await instance.request(next);
    } catch (retryFailure) {
      // The caller's code threw on the retry (a request interceptor that signs it): the request ends with the error
      // that was retried, and what the caller's code threw as its cause.
      if (!isBceError(retryFailure)) throw causedByCaller(error, retryFailure, true);
      if (callerFailures.has(retryFailure)) throw causedByCaller(error, readProperty(retryFailure, 'cause'), true);
      throw retryFailure;
    }
  }

  const requestInterceptor = instance.interceptors.request.use(prepareAttempt, undefined, { synchronous: true });
  let responseInterceptor = instance.interceptors.response.use(onFulfilled, onRejected);
  /** Moves the response interceptor after every one installed later (axios-retry's); false if there is none. */
  function moveResponseInterceptorLast(): boolean {
    const handlers = readProperty(instance.interceptors.response, 'handlers');
    if (!Array.isArray(handlers) || handlers.slice(responseInterceptor + 1).every((handler) => handler === null))
      return false;
    instance.interceptors.response.eject(responseInterceptor);
    responseInterceptor = instance.interceptors.response.use(onFulfilled, onRejected);
    return true;
  }
  let installed = true;
  const uninstall = (): void => {
    if (!installed) return;
    installed = false;
    if (installs.get(instance) === uninstall) installs.delete(instance);
    instance.interceptors.request.eject(requestInterceptor);
    instance.interceptors.response.eject(responseInterceptor);
  };
  installs.set(instance, uninstall);
  return uninstall;
}
