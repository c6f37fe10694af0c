// Compiled with `exactOptionalPropertyTypes: true` (./tsconfig.json, run by test/unit/exact-optional-types.test.ts):
// every options object of the public API takes an explicit `undefined`, as code that forwards its own optional
// settings (`{ style: config.style }`) passes it. flag-is-on.ts, compiled with it, proves the flag is on.
import type { BceFetchOptions } from '../../../fetch/src/types.js';
import type { AdapterOptions } from '../../src/adapter.js';
import {
  lookupError,
  parseServiceError,
  retryPolicy,
  toBceError,
  type ListErrorsOptions,
  type LookupErrorOptions,
  type ParseServiceErrorOptions,
  type ToBceErrorOptions,
} from '../../src/index.js';

const adapterOptions: AdapterOptions = {
  style: undefined,
  dialect: undefined,
  retry: undefined,
  honorRetryAfter: undefined,
  maxErrorBodyBytes: undefined,
  requestId: undefined,
  retryRequestsWithBody: undefined,
};
const retryOverrides: AdapterOptions = { retry: { maxRetries: undefined, delayMs: undefined, shouldRetry: undefined } };
const fetchOptions: BceFetchOptions = { ...adapterOptions, fetch: undefined, timeoutMs: undefined };
const parseOptions: ParseServiceErrorOptions = {
  style: undefined,
  dialect: undefined,
  retries: undefined,
  maxErrorBodyBytes: undefined,
};
const toBceErrorOptions: ToBceErrorOptions = { ...parseOptions, sentRequestId: undefined };
const lookupOptions: LookupErrorOptions = { service: undefined };
const listOptions: ListErrorsOptions = { status: undefined, service: undefined };

parseServiceError({ status: 404, headers: {}, body: null }, parseOptions);
toBceError(new Error('x'), toBceErrorOptions);
lookupError('AccessDenied', lookupOptions);
retryPolicy('go', { maxRetries: undefined, delayMs: undefined, shouldRetry: undefined });

export { adapterOptions, fetchOptions, listOptions, retryOverrides };
