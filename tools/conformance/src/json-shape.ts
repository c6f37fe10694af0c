/** A JSON object read from a fixture. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Whether `value` is a (non-array) JSON object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Throws a `TypeError` naming the fixture location `where` that did not have the expected shape. A location
 * without a file name (e.g. `scenarios[3].sdk.go`) is in `sdk-vectors.json`.
 */
export function shapeError(where: string, expected: string, value: unknown): TypeError {
  const seen = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  const located = where.includes('.json: ') ? where : `sdk-vectors.json: ${where}`;
  return new TypeError(`${located} should be ${expected}, got ${seen}`);
}

/** `value` as a JSON object, or a `TypeError` naming `where`. */
export function expectObject(value: unknown, where: string): JsonObject {
  if (!isJsonObject(value)) throw shapeError(where, 'an object', value);
  return value;
}

/** `value` as a string, or a `TypeError` naming `where`. */
export function expectString(value: unknown, where: string): string {
  if (typeof value !== 'string') throw shapeError(where, 'a string', value);
  return value;
}

/** `value` as a finite number, or a `TypeError` naming `where`. */
export function expectNumber(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw shapeError(where, 'a finite number', value);
  return value;
}

/** `value` as an array, or a `TypeError` naming `where`. */
export function expectArray(value: unknown, where: string): readonly unknown[] {
  if (!Array.isArray(value)) throw shapeError(where, 'an array', value);
  return value;
}

/** Freezes a parsed JSON value and everything inside it, and returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value) as unknown[]) deepFreeze(inner);
  }
  return value;
}
