/**
 * Whether a user-supplied option is a whole number of at least `min` (a count of bytes or retries). `NaN`,
 * `Infinity`, fractions and numeric strings are not.
 */
export function isWholeNumber(value: unknown, min: number): value is number {
  return Number.isInteger(value) && (value as number) >= min;
}
