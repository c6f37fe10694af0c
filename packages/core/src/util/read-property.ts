/**
 * Reads one property of any value without throwing: a primitive, a revoked proxy or a getter that throws reads as
 * `undefined`. Functions are read too (an axios instance is a function with properties). Errors from foreign
 * clients are untrusted input, so every read of them goes through here.
 */
export function readProperty(source: unknown, key: string): unknown {
  if (source === null || (typeof source !== 'object' && typeof source !== 'function')) return undefined;
  try {
    return (source as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** The first (at most 8) entries of an `AggregateError`'s `errors`; anything that is not a readable array is none. */
export function readErrorList(value: unknown): unknown[] {
  try {
    return Array.isArray(value) ? (value.slice(0, 8) as unknown[]) : [];
  } catch {
    return [];
  }
}
