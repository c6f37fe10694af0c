import { CATALOG_SERVICES, type KnownErrorCode, type ServiceName } from './catalog-codes.gen.js';
import { CATALOG_DATA } from './catalog-data.js';
import type { CatalogEntry } from './catalog-entry.js';

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

// Built on first use, not at import: a module-level `new Map()` would keep the data in every bundle.
let allEntries: readonly CatalogEntry[] | undefined;
let byServiceAndCode: ReadonlyMap<string, CatalogEntry> | undefined;

function keyOf(service: string, code: string): string {
  return `${service}\u0000${code}`;
}

function freezeEntry(entry: CatalogEntry): CatalogEntry {
  for (const placeholder of entry.placeholders) Object.freeze(placeholder);
  Object.freeze(entry.placeholders);
  return Object.freeze(entry);
}

function entryIndex(): ReadonlyMap<string, CatalogEntry> {
  byServiceAndCode ??= new Map(catalogEntries().map((entry) => [keyOf(entry.service, entry.code), entry]));
  return byServiceAndCode;
}

/**
 * Every entry of the catalog (frozen), service by service in {@link CATALOG_SERVICES} order, each in page order.
 * @example catalogEntries().length; // 183
 */
export function catalogEntries(): readonly CatalogEntry[] {
  allEntries ??= Object.freeze(CATALOG_SERVICES.flatMap((service) => CATALOG_DATA[service].map(freezeEntry)));
  return allEntries;
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
  options: LookupErrorOptions = {},
): CatalogEntry | undefined {
  const index = entryIndex();
  const { service } = options;
  if (service !== undefined) return index.get(keyOf(service, code)) ?? index.get(keyOf('bce', code));
  for (const candidate of CATALOG_SERVICES) {
    const entry = index.get(keyOf(candidate, code));
    if (entry !== undefined) return entry;
  }
  return undefined;
}

/**
 * The catalog entries that match every given filter, in {@link catalogEntries} order.
 * @example listErrors({ status: 403, service: 'iam' }).map((entry) => entry.code);
 */
export function listErrors(options: ListErrorsOptions = {}): readonly CatalogEntry[] {
  const { status, service } = options;
  return catalogEntries().filter(
    (entry) => (status === undefined || entry.status === status) && (service === undefined || entry.service === service),
  );
}
