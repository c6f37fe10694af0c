import { readProperty } from '@bce-errors/core/adapter';
import type { AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from 'axios';

// axios-retry keeps its options and its count on every config it handles, under this key, set by its request
// interceptor on each dispatch (`retryCount`, `lastRequestTime`). A caller's per-request options under the same key
// have neither until axios-retry has seen the request, so they alone do not count as axios-retry being installed.
const AXIOS_RETRY_KEY = 'axios-retry';
// Set on a config once the adapter has prepared it: a retry dispatched by axios-retry carries it along.
const PREPARED_KEY = 'bceErrorsPrepared';

/** The retries axios-retry made before this attempt, if axios-retry handles the request; `undefined` otherwise. */
export function axiosRetryCount(config: object | undefined): number | undefined {
  const state = readProperty(config, AXIOS_RETRY_KEY);
  if (typeof readProperty(state, 'lastRequestTime') !== 'number') return undefined;
  const count = readProperty(state, 'retryCount');
  return typeof count === 'number' ? count : 0;
}

/**
 * Request interceptors run last-installed first, response interceptors first-installed first. A first dispatch
 * whose config already carries axios-retry's fresh state, before the adapter prepared it, has therefore met an
 * axios-retry installed after the adapter: its response interceptor would run after the adapter's and see a
 * `BceError` it cannot retry. The adapter then moves its own response interceptor last (`moveLast`) and lets this
 * dispatch carry the request again, through the new order, in place of sending it (`true`); axios sends nothing
 * twice and every interceptor sees the final outcome. `moveLast` says whether anything was installed after it.
 */
export function redirectBehindAxiosRetry(
  instance: AxiosInstance,
  config: InternalAxiosRequestConfig,
  moveLast: () => boolean,
): boolean {
  const prepared = PREPARED_KEY in config;
  (config as unknown as Record<string, unknown>)[PREPARED_KEY] = true;
  if (prepared || axiosRetryCount(config) === undefined || !moveLast()) return false;
  const again = { ...config, headers: config.headers.toJSON() } as unknown as InternalAxiosRequestConfig;
  // The outer dispatch only hands the inner one's result on: no second transformation of either body.
  config.transformResponse = [(data: unknown) => data];
  config.adapter = () => instance.request<unknown, AxiosResponse>(again);
  return true;
}
