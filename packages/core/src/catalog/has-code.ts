import { isBceServiceError, type BceServiceError } from '../errors/bce-service-error.js';
import type { KnownErrorCode } from './catalog-codes.gen.js';

/**
 * Whether `error` is a {@link BceServiceError} (from any copy of this package) with the given code; narrows
 * `error.code` to that literal. Known codes autocomplete, any other string is accepted. Loads no catalog data.
 * @example
 * if (hasCode(error, 'AccessDenied')) {
 *   error.code; // 'AccessDenied'
 *   error.requestId; // string
 * }
 */
export function hasCode<C extends KnownErrorCode | (string & {})>(
  error: unknown,
  code: C,
): error is BceServiceError & { readonly code: C } {
  return isBceServiceError(error) && error.code === code;
}
