import { CATALOG_SERVICES } from './catalog-codes.gen.js';
import type { CatalogEntry } from './catalog-entry.js';
import { lookupError, type LookupErrorOptions } from './lookup-error.js';

/** What {@link catalogEntryForError} reads of an error; a `BceServiceError` has both. */
export interface CatalogErrorFields {
  /** The error code of the response body. */
  readonly code: string;
  /** The HTTP status; among several services that list the code, one with this status wins. */
  readonly statusCode?: number | undefined;
}

/**
 * The catalog entry that explains a service error, or `undefined` when its code is not documented.
 * Like {@link lookupError}, but when no service is given and several services list the code, the first one
 * whose status equals `error.statusCode` wins. It takes plain fields, so `BceServiceError` can offer it as an
 * accessor without a static import of the catalog (import this module lazily, or let the user pass it in).
 * @example catalogEntryForError({ code: 'InstanceNotFound', statusCode: 404 }, { service: 'cfs' })?.description;
 */
export function catalogEntryForError(error: CatalogErrorFields, options: LookupErrorOptions = {}): CatalogEntry | undefined {
  const { code, statusCode } = error;
  if (options.service !== undefined || statusCode === undefined) return lookupError(code, options);
  const candidates = CATALOG_SERVICES.flatMap((service) => {
    const entry = lookupError(code, { service });
    return entry?.service === service ? [entry] : [];
  });
  return candidates.find((entry) => entry.status === statusCode) ?? candidates[0];
}
