// @ts-check

/**
 * The median of a non-empty list of numbers.
 * @param {readonly number[]} values
 * @returns {number}
 */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const at = (/** @type {number} */ index) => /** @type {number} */ (sorted[index]); // in range for a non-empty list
  return sorted.length % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

/**
 * The p-quantile (0..1) of a non-empty list, linear between the closest ranks.
 * @param {readonly number[]} values
 * @param {number} p
 * @returns {number}
 */
export function quantile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const low = /** @type {number} */ (sorted[Math.floor(position)]); // both ranks are in range for a non-empty list
  const high = /** @type {number} */ (sorted[Math.ceil(position)]);
  return low + (high - low) * (position - Math.floor(position));
}
