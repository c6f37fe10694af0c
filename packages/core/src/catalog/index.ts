// The catalog's public names, re-exported by the package index.
export {
  lookupError,
  listErrors,
  catalogEntries,
  type LookupErrorOptions,
  type ListErrorsOptions,
} from './lookup-error.js';
export { hasCode } from './has-code.js';
export { renderMessage, type MessageValue, type MessageValues } from './render-message.js';
export { suggestErrorCodes, type SuggestErrorCodesOptions } from './suggest-error-codes.js';
export { catalogEntryForError, type CatalogErrorFields } from './catalog-entry-for-error.js';
export type { CatalogEntry, MessagePlaceholder, NamedPlaceholder, PositionalPlaceholder } from './catalog-entry.js';
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
} from './catalog-codes.gen.js';
