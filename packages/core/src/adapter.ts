// `@bce-errors/core/adapter`: the building blocks for writing an adapter for an HTTP client. Users import
// `@bce-errors/core`; adapter authors import this too. The step that turns an attempt into an error lives here,
// so every adapter only gathers facts from its client.
export {
  attemptError,
  abortedWhileWaiting,
  waitBeforeRetry,
  shouldRetryAttempt,
  attemptTextsAfter,
  type AttemptFacts,
  type AttemptResponse,
  type ErrorBody,
} from './adapter/attempt-error.js';
export {
  resolveAdapterOptions,
  nextRetryDelay,
  type AdapterOptions,
  type ResolvedAdapterOptions,
} from './adapter/adapter-options.js';
export { createRequestId } from './adapter/request-id.js';
export {
  watchErrorBody,
  readWatchedErrorBody,
  watchedErrorBody,
  type WatchedErrorBody,
  type WatchableResponse,
  type ErrorBodyDecoders,
} from './adapter/watch-error-body.js';
export { ERROR_BODY_STALL_MILLISECONDS, ERROR_BODY_DEADLINE_MILLISECONDS } from './adapter/error-body-limits.js';
export {
  readWebStreamWithin,
  type WebStreamErrorBody,
  type WebStreamReadLimits,
} from './adapter/read-web-stream-within.js';
export { retryPolicyFailure, retryPolicyFailureIn, type RetryCallbackName } from './adapter/retry-policy-failure.js';
export { sleep } from './adapter/sleep.js';
export { describeRequestBody, type RequestBodyFacts, type RequestBodyOptions } from './adapter/request-body.js';
export { checkMilliseconds, optionError } from './options/validate.js';
export { isErrorStatus, parseRetryAfter } from './parse/parse-service-error.js';
export { classifyTransportError } from './parse/classify-transport-error.js';
export { describeCause } from './errors/bce-client-error.js';
export { callerFailureCause } from './errors/caller-failure-cause.js';
export { readHeader, REQUEST_ID_HEADER, type HeaderSource } from './parse/read-header.js';
export { readProperty } from './util/read-property.js';
export { httpStatusText } from './parse/http-status-text.js';
