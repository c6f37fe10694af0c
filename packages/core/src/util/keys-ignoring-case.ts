/**
 * The own keys of `record` equal to `key` ignoring case: the exact key first when it is there, then the others in
 * property order (contract P2, and header records). A generator, so a lookup that takes the exact key never scans
 * the rest.
 */
export function* keysIgnoringCase(record: object, key: string): Generator<string, void, undefined> {
  if (Object.hasOwn(record, key)) yield key;
  const lower = key.toLowerCase();
  for (const candidate of Object.keys(record)) {
    if (candidate !== key && candidate.toLowerCase() === lower) yield candidate;
  }
}
