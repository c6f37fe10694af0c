import { CATALOG_SERVICES, type KnownErrorCode, type ServiceName } from './catalog-codes.gen.js';
import { CATALOG_DATA } from './catalog-data.js';
import type { CatalogEntry } from './catalog-entry.js';
import {
  checkCatalogService,
  checkOptionalString,
  checkOptionNames,
  describeValue,
  isWholeNumber,
  optionError,
  readOption,
} from '../options/validate.js';
import { registerCatalogLookup } from './registry.js';

/** Options of {@link lookupError}. */
export interface LookupErrorOptions {
  /**
   * The service that answered. Its own entry wins; without one, the global `bce` entry. A service the catalog
   * does not cover (e.g. `bos`) gets the global codes. Without a service: the global `bce` entry, then the first
   * service in {@link CATALOG_SERVICES} order that lists the code.
   */
  readonly service?: ServiceName | (string & {}) | undefined;
}

/** Options of {@link listErrors}; every given filter must match. */
export interface ListErrorsOptions {
  /** Only entries with this HTTP status. */
  readonly status?: number | undefined;
  /** Only entries of this service (exactly: `cfs` does not include the global `bce` codes). */
  readonly service?: ServiceName | undefined;
}

/** What {@link catalogEntryForError} reads of an error; a `BceServiceError` has both. */
export interface CatalogErrorFields {
  /** The error code of the response body. */
  readonly code: string;
  /** The HTTP status; among several services that list the code, one with this status wins. */
  readonly statusCode?: number | undefined;
}

/**
 * The catalog's lookup structures, built on first use, not at import: a module-level `new Map()` would keep the
 * data in every bundle.
 */
interface CatalogIndex {
  entries?: readonly CatalogEntry[];
  byServiceAndCode?: ReadonlyMap<string, CatalogEntry>;
}

/**
 * Makes `BceServiceError.catalogEntry` work once the catalog is part of the program. Called as a pure expression
 * around the index, so a bundle that uses no lookup of this module drops the index, the data and this call with
 * it; wherever a lookup loads, the errors can explain themselves.
 */
function registeringLookup<T>(index: T): T {
  registerCatalogLookup((fields) => catalogEntryForError(fields));
  return index;
}

const catalogIndex: CatalogIndex = /* @__PURE__ */ registeringLookup({});

function keyOf(service: string, code: string): string {
  return `${service}\u0000${code}`;
}

function freezeEntry(entry: CatalogEntry): CatalogEntry {
  for (const placeholder of entry.placeholders) Object.freeze(placeholder);
  Object.freeze(entry.placeholders);
  return Object.freeze(entry);
}

function entryIndex(): ReadonlyMap<string, CatalogEntry> {
  catalogIndex.byServiceAndCode ??= new Map(catalogEntries().map((entry) => [keyOf(entry.service, entry.code), entry]));
  return catalogIndex.byServiceAndCode;
}

/**
 * Every entry of the catalog (frozen), service by service in {@link CATALOG_SERVICES} order, each in page order.
 * @example catalogEntries().length; // 183
 */
export function catalogEntries(): readonly CatalogEntry[] {
  catalogIndex.entries ??= Object.freeze(CATALOG_SERVICES.flatMap((service) => CATALOG_DATA[service].map(freezeEntry)));
  return catalogIndex.entries;
}

/**
 * The catalog entry of an error code, or `undefined` for a code the reference pages do not document.
 * The same code can mean different things in different services (`InstanceNotFound` of `cfs`, `eip`, `eipgroup`),
 * so pass the service when you know it; see {@link LookupErrorOptions.service} for the fallbacks.
 * @example
 * lookupError('AccessDenied')?.status; // 403
 * lookupError('InstanceNotFound', { service: 'eip' })?.message; // 'The specified instance does not exist.'
 */
export function lookupError(
  code: KnownErrorCode | (string & {}),
  options?: LookupErrorOptions,
): CatalogEntry | undefined {
  return lookupIn(code, readService(options, 'lookupError'));
}

const LOOKUP_OPTIONS: readonly string[] = ['service'];

/** The `service` of {@link LookupErrorOptions}, any text (a service the catalog does not cover has the global codes). */
function readService(options: unknown, where: string): string | undefined {
  if (options === undefined) return undefined;
  checkOptionNames(options, LOOKUP_OPTIONS, "{ service: 'cfs' }", where);
  return checkOptionalString(readOption(options, 'service', where), 'service', where, "'cfs'");
}

function lookupIn(code: string, service: string | undefined): CatalogEntry | undefined {
  const index = entryIndex();
  if (service !== undefined) return index.get(keyOf(service, code)) ?? index.get(keyOf('bce', code));
  for (const candidate of CATALOG_SERVICES) {
    const entry = index.get(keyOf(candidate, code));
    if (entry !== undefined) return entry;
  }
  return undefined;
}

/**
 * The catalog entry that explains a service error, or `undefined` when its code is not documented.
 * Like {@link lookupError}, but when no service is given and several services list the code, the first one
 * whose status equals `error.statusCode` wins. It takes plain fields, so `BceServiceError` can offer it as an
 * accessor without a static import of the catalog (import this module lazily, or let the user pass it in).
 * @example catalogEntryForError({ code: 'InstanceNotFound', statusCode: 404 }, { service: 'cfs' })?.description;
 */
export function catalogEntryForError(
  error: CatalogErrorFields,
  options?: LookupErrorOptions,
): CatalogEntry | undefined {
  const wanted = readService(options, 'catalogEntryForError');
  const { code, statusCode } = error;
  if (wanted !== undefined || statusCode === undefined) return lookupIn(code, wanted);
  const candidates = CATALOG_SERVICES.flatMap((service) => {
    const entry = lookupIn(code, service);
    return entry?.service === service ? [entry] : [];
  });
  return candidates.find((entry) => entry.status === statusCode) ?? candidates[0];
}

const LIST_OPTIONS: readonly string[] = ['status', 'service'];

/**
 * The catalog entries that match every given filter, in {@link catalogEntries} order.
 * @example listErrors({ status: 403, service: 'iam' }).map((entry) => entry.code);
 */
export function listErrors(options?: ListErrorsOptions): readonly CatalogEntry[] {
  const where = 'listErrors';
  if (options !== undefined) checkOptionNames(options, LIST_OPTIONS, '{ status: 404 }', where);
  const status = readOption(options, 'status', where);
  if (status !== undefined && !isWholeNumber(status, 0)) {
    throw optionError(where, `status must be a whole number such as 404 (got ${describeValue(status)}).`);
  }
  const service = checkCatalogService(readOption(options, 'service', where), CATALOG_SERVICES, where);
  return catalogEntries().filter(
    (entry) =>
      (status === undefined || entry.status === status) && (service === undefined || entry.service === service),
  );
}
