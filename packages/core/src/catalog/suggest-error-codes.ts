import { CATALOG_SERVICES, type ServiceName } from './catalog-codes.gen.js';
import {
  checkCatalogService,
  checkOptionNames,
  describeValue,
  isWholeNumber,
  optionError,
  readOption,
} from '../options/validate.js';
import { editDistance } from '../util/edit-distance.js';
import { catalogEntries } from './lookup.js';

/** Options of {@link suggestErrorCodes}. */
export interface SuggestErrorCodesOptions {
  /** Only suggest codes of this service and the global `bce` codes. */
  readonly service?: ServiceName | undefined;
  /** At most this many suggestions. @default 3 */
  readonly limit?: number | undefined;
}

const SUGGEST_OPTIONS: readonly string[] = ['service', 'limit'];
const DEFAULT_LIMIT = 3;

/**
 * The catalog codes closest to a mistyped one (case-insensitive edit distance), closest first; empty when
 * nothing is close. For "did you mean" messages.
 * @example suggestErrorCodes('AccesDenied'); // ['AccessDenied']
 */
export function suggestErrorCodes(input: string, options?: SuggestErrorCodesOptions): string[] {
  const where = 'suggestErrorCodes';
  if (options !== undefined) checkOptionNames(options, SUGGEST_OPTIONS, '{ limit: 3 }', where);
  const service = checkCatalogService(readOption(options, 'service', where), CATALOG_SERVICES, where);
  const limit = readOption(options, 'limit', where) ?? DEFAULT_LIMIT;
  if (!isWholeNumber(limit, 0)) {
    throw optionError(where, `limit must be a whole number >= 0 (got ${describeValue(limit)}); the default is 3.`);
  }
  const wanted = input.toLowerCase();
  const maxDistance = Math.max(2, Math.floor(wanted.length / 3));
  const codes = new Set(
    catalogEntries()
      .filter((entry) => service === undefined || entry.service === service || entry.service === 'bce')
      .map((entry) => entry.code),
  );
  return [...codes]
    .map((code) => ({ code, distance: editDistance(wanted, code.toLowerCase()) }))
    .filter(({ code, distance }) => distance <= maxDistance && code !== input)
    .sort((a, b) => a.distance - b.distance || a.code.localeCompare(b.code))
    .slice(0, limit)
    .map(({ code }) => code);
}
