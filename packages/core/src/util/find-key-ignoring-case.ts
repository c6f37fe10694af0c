/**
 * The own key of `record` equal to `key` ignoring case: the exact key when it is there, else the first other in
 * property order (header records). A plain loop, not a generator: this runs for every header of every error.
 */
export function findKeyIgnoringCase(record: object, key: string): string | undefined {
  if (Object.hasOwn(record, key)) return key;
  const lower = key.toLowerCase();
  for (const candidate of Object.keys(record)) {
    // Most keys differ in length, which rules them out without lower-casing them.
    if (candidate.length === key.length && candidate.toLowerCase() === lower) return candidate;
  }
  return undefined;
}
