// `@bce-errors/core`: what applications import. Adapter authors also import `@bce-errors/core/adapter`.
export { BceError, isBceError, type BceErrorInit } from './errors/bce-error.js';
export {
  BceServiceError,
  isBceServiceError,
  type BceServiceErrorInit,
  type BceErrorType,
} from './errors/bce-service-error.js';
export { BceClientError, isBceClientError, type BceClientErrorInit } from './errors/bce-client-error.js';
export { SDK_STYLES, DEFAULT_SDK_STYLE, type SdkStyle } from './sdk-style.js';
export { TRANSPORT_CODES, isTransportCode, type TransportCode } from './parse/transport-code.js';
export {
  parseServiceError,
  DEFAULT_MAX_ERROR_BODY_BYTES,
  type ServiceErrorResponse,
  type ParseServiceErrorOptions,
  type ErrorDialect,
} from './parse/parse-service-error.js';
export type { HeaderSource } from './parse/read-header.js';
export { toBceError, type ToBceErrorOptions } from './parse/to-bce-error.js';
export {
  retryPolicy,
  isRetryableError,
  DEFAULT_MAX_RETRIES,
  MAX_RETRY_DELAY_MS,
  type RetryPolicy,
} from './retry/retry-policy.js';
export type { AdapterOptions } from './adapter/adapter-options.js';
export { fromJSON, type BceErrorJson, type BceErrorCauseJson } from './errors/json.js';
export { ERROR_JSON_SCHEMA } from './errors/bce-error.js';
export { redactText, isSensitiveHeaderName, REDACTED, SENSITIVE_HEADER_NAMES } from './redact.js';

// Catalog
export {
  lookupError,
  listErrors,
  catalogEntries,
  type LookupErrorOptions,
  type ListErrorsOptions,
} from './catalog/lookup.js';
export { hasCode } from './catalog/has-code.js';
export { renderMessage, type MessageValue, type MessageValues } from './catalog/render-message.js';
export { suggestErrorCodes, type SuggestErrorCodesOptions } from './catalog/suggest-error-codes.js';
export { catalogEntryForError, type CatalogErrorFields } from './catalog/lookup.js';
export type {
  CatalogEntry,
  MessagePlaceholder,
  NamedPlaceholder,
  PositionalPlaceholder,
} from './catalog/catalog-entry.js';
export {
  CATALOG_SERVICES,
  type ServiceName,
  type KnownErrorCode,
  type ErrorCodesByService,
  type BceErrorCode,
  type CfsErrorCode,
  type EipErrorCode,
  type EipgroupErrorCode,
  type BandwidthPackageErrorCode,
  type IamErrorCode,
} from './catalog/catalog-codes.gen.js';
