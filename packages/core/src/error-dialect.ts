import { describeValue } from './describe-value.js';
import { optionError } from './option-error.js';

/** Which body shapes the parser reads (contract P11). */
export type ErrorDialect = 'bce' | 'auto';

/**
 * Validates a user-supplied dialect, so a typo fails at set-up time instead of silently reading fewer shapes.
 * @throws TypeError naming the accepted values.
 */
export function resolveDialect(dialect: unknown, where: string): ErrorDialect {
  const value = dialect ?? 'bce';
  if (value === 'bce' || value === 'auto') return value;
  throw optionError(where, `unknown dialect ${describeValue(value)}; use 'bce' or 'auto'.`);
}
