import type { AxiosInstance } from 'axios';
import { installBceErrorsWith } from './axios-adapter.js';
import { nodeAgentBounding } from './bounded-agents.js';
import type { BceAxiosOptions, UninstallBceErrors } from './types.js';

/**
 * Installs the contract's errors and retries on an axios instance: every failure rejects with a
 * `BceServiceError` (an HTTP error response) or a `BceClientError` (everything else), after the style's retries.
 * Retries go through `instance.request`, so your request interceptors (signing) run again for every attempt.
 * Success responses are not touched. Returns a function that removes the interceptors. Installing again on the same
 * instance replaces the first install (its options no longer apply, its uninstall does nothing). An error the
 * caller's own code throws (an interceptor, a transform) ends the request as a `BceError` whose `cause` is that
 * error as it is; thrown while a retry is prepared, the error is the one that was being retried.
 *
 * @example
 * const client = axios.create({ baseURL: 'https://bcc.bj.baidubce.com' });
 * installBceErrors(client, { style: 'go' });
 */
export function installBceErrors(instance: AxiosInstance, options?: BceAxiosOptions): UninstallBceErrors {
  return installBceErrorsWith(nodeAgentBounding, instance, options);
}
