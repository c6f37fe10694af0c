import type { ServiceName } from './catalog-codes.gen.js';
import { catalogEntries } from './lookup.js';

/** Options of {@link suggestErrorCodes}. */
export interface SuggestErrorCodesOptions {
  /** Only suggest codes of this service and the global `bce` codes. */
  readonly service?: ServiceName | undefined;
  /** At most this many suggestions. @default 3 */
  readonly limit?: number | undefined;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The catalog codes closest to a mistyped one (case-insensitive edit distance), closest first; empty when
 * nothing is close. For "did you mean" messages.
 * @example suggestErrorCodes('AccesDenied'); // ['AccessDenied']
 */
export function suggestErrorCodes(input: string, options: SuggestErrorCodesOptions = {}): string[] {
  const { service, limit = 3 } = options;
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
