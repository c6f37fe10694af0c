/**
 * The own key of `record` equal to `key` ignoring case: the exact key when it is there, else the first other in
 * property order (header records). A plain loop, not a generator: this runs for every header of every error.
 */
export function findKeyIgnoringCase(record: object, key: string): string | undefined {
  if (Object.hasOwn(record, key)) return key;
  const lower = key.toLowerCase();
  // `for...in`, not `Object.keys`: a header that is absent (most error responses have no `retry-after` or
  // `x-bce-debug-id`) then costs no array of every key. It also visits inherited keys, which are not the record's.
  for (const candidate in record) {
    // Most keys differ in length, which rules them out without lower-casing them.
    if (candidate.length === key.length && candidate.toLowerCase() === lower && Object.hasOwn(record, candidate))
      return candidate;
  }
  return undefined;
}
