import {
  BceClientError,
  classifyTransportError,
  createRequestId,
  describeCause,
  isBceError,
  isErrorStatus,
  nextRetryDelay,
  parseServiceErrorWith,
  readHeader,
  readProperty,
  resolveAdapterOptions,
  sleep,
  type BceError,
  type ResolvedAdapterOptions,
  type TransportCode,
} from '@bce-errors/core';
import type { AxiosInstance, AxiosRequestConfig, InternalAxiosRequestConfig } from 'axios';
import { readResponseData } from './read-response-data.js';
import type { BceAxiosOptions, UninstallBceErrors } from './types.js';

const REQUEST_ID_HEADER = 'x-bce-request-id';
// A string key, not a symbol: axios' mergeConfig keeps unknown string keys when a config is dispatched again.
const ATTEMPT_KEY = 'bceErrorsAttempt';

interface AttemptState {
  retries: number;
  attemptTexts: readonly string[];
}

type ConfigWithAttempt = InternalAxiosRequestConfig & { [ATTEMPT_KEY]?: AttemptState };


function readConfig(thrown: unknown): ConfigWithAttempt | undefined {
  const config = readProperty(thrown, 'config');
  return typeof config === 'object' && config !== null ? (config as ConfigWithAttempt) : undefined;
}

// A one-shot stream cannot be sent twice; strings, buffers, objects and form data can.
function isReplayable(config: AxiosRequestConfig): boolean {
  const data: unknown = config.data;
  if (typeof data !== 'object' || data === null) return true;
  if (typeof ReadableStream !== 'undefined' && data instanceof ReadableStream) return false;
  return typeof (data as { pipe?: unknown }).pipe !== 'function';
}

/**
 * Older axios (1.7) rejects a body that broke off ('maxContentLength size of -1 exceeded', ERR_BAD_RESPONSE)
 * without `response`, though the server did answer: its status and headers are on the Node response.
 */
function responseOfBrokenBody(thrown: unknown): unknown {
  if (readProperty(thrown, 'code') !== 'ERR_BAD_RESPONSE') return undefined;
  const nodeResponse = readProperty(readProperty(thrown, 'request'), 'res');
  const status = readProperty(nodeResponse, 'statusCode');
  if (typeof status !== 'number') return undefined;
  return {
    status,
    statusText: readProperty(nodeResponse, 'statusMessage'),
    headers: readProperty(nodeResponse, 'headers'),
    data: undefined,
  };
}

async function attemptError(
  thrown: unknown,
  config: ConfigWithAttempt | undefined,
  state: AttemptState,
  options: ResolvedAdapterOptions,
): Promise<BceError> {
  const response = readProperty(thrown, 'response') ?? responseOfBrokenBody(thrown);
  const status = readProperty(response, 'status');
  const method = typeof config?.method === 'string' ? config.method.toUpperCase() : undefined;
  let bodyReadFailed = false;
  if (typeof status === 'number') {
    const rawData = readProperty(response, 'data');
    const data = await readResponseData(rawData, options.maxErrorBodyBytes);
    // axios rejects a response whose body stopped short with no data at all (P7): 'stream has been aborted'
    // (ERR_BAD_RESPONSE), or the decompressor's 'aborted' (ECONNRESET) when a gzip body is cut.
    const incomplete = data.incomplete || rawData === undefined;
    // A status the style counts as success whose body broke off is a failed read, not an error response.
    bodyReadFailed = incomplete && !isErrorStatus(options.style, status);
    const statusText = readProperty(response, 'statusText');
    const serviceError = parseServiceErrorWith(
      {
        status,
        statusText: typeof statusText === 'string' ? statusText : undefined,
        headers: readProperty(response, 'headers') as never,
        body: data.body as never,
      },
      {
        style: options.style,
        dialect: options.dialect,
        retries: state.retries,
        maxErrorBodyBytes: options.maxErrorBodyBytes,
        bodyTruncated: data.truncated,
        bodyIncomplete: incomplete,
        method,
        force: true,
      },
    );
    if (serviceError !== undefined && !bodyReadFailed) return serviceError;
  }
  const transportCode: TransportCode =
    readProperty(thrown, 'code') === 'ERR_CANCELED' || config?.signal?.aborted === true
      ? 'Aborted'
      : bodyReadFailed
        ? 'BodyReadFailure'
        : classifyTransportError(thrown);
  return new BceClientError({
    style: options.style,
    transportCode,
    cause: thrown,
    retries: state.retries,
    sentRequestId: readHeader(config?.headers, REQUEST_ID_HEADER),
    attemptTexts: [...state.attemptTexts, describeCause(thrown)],
  });
}

/**
 * Installs the contract's errors and retries on an axios instance: every failure rejects with a
 * `BceServiceError` (an HTTP error response) or a `BceClientError` (everything else), after the style's retries.
 * Retries go through `instance.request`, so your request interceptors (signing) run again for every attempt.
 * Success responses are not touched. Returns a function that removes the interceptors.
 *
 * @example
 * const client = axios.create({ baseURL: 'https://bcc.bj.baidubce.com' });
 * installBceErrors(client, { style: 'go' });
 */
export function installBceErrors(instance: AxiosInstance, options?: BceAxiosOptions): UninstallBceErrors {
  const candidate: unknown = instance;
  if (typeof readProperty(candidate, 'interceptors') !== 'object' || typeof readProperty(candidate, 'request') !== 'function') {
    throw new TypeError('installBceErrors: pass an axios instance, e.g. installBceErrors(axios.create(), options).');
  }
  const resolved = resolveAdapterOptions(options, 'installBceErrors');

  function addRequestId(config: InternalAxiosRequestConfig): InternalAxiosRequestConfig {
    if (!config.headers.has(REQUEST_ID_HEADER)) config.headers.set(REQUEST_ID_HEADER, createRequestId());
    return config;
  }

  async function onRejected(thrown: unknown): Promise<unknown> {
    // Already ours: a retry dispatched below settled with its own final error.
    if (isBceError(thrown)) throw thrown;
    const config = readConfig(thrown);
    const state: AttemptState = config?.[ATTEMPT_KEY] ?? { retries: 0, attemptTexts: [] };
    const error = await attemptError(thrown, config, state, resolved);
    if (config === undefined || !isReplayable(config) || !resolved.policy.shouldRetry(error, state.retries)) throw error;
    try {
      await sleep(nextRetryDelay(resolved, error, state.retries), config.signal as AbortSignal | undefined);
    } catch (reason) {
      throw new BceClientError({
        style: resolved.style,
        transportCode: 'Aborted',
        cause: reason,
        retries: state.retries,
        sentRequestId: readHeader(config.headers, REQUEST_ID_HEADER),
      });
    }
    const attemptTexts = error instanceof BceClientError ? error.attemptTexts : state.attemptTexts;
    const next: ConfigWithAttempt = { ...config, [ATTEMPT_KEY]: { retries: state.retries + 1, attemptTexts } };
    return instance.request(next);
  }

  const requestInterceptor = resolved.requestId
    ? instance.interceptors.request.use(addRequestId, undefined, { synchronous: true })
    : undefined;
  const responseInterceptor = instance.interceptors.response.use(undefined, onRejected);
  return () => {
    if (requestInterceptor !== undefined) instance.interceptors.request.eject(requestInterceptor);
    instance.interceptors.response.eject(responseInterceptor);
  };
}
