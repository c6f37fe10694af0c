import { describeValue } from './describe-value.js';
import { optionError } from './option-error.js';

/** The official Baidu AI Cloud SDK whose error behaviour an entry point mirrors. */
export type SdkStyle = 'go' | 'java' | 'python';

/** Every supported style, in documentation order. */
export const SDK_STYLES: readonly SdkStyle[] = ['go', 'java', 'python'];

/** The style used when none is given: Go is the reference SDK of the contract. */
export const DEFAULT_SDK_STYLE: SdkStyle = 'go';

/**
 * Validates a user-supplied style, so a typo fails at set-up time instead of silently picking a default.
 * @throws TypeError naming the accepted values.
 */
export function resolveSdkStyle(style: unknown, where: string): SdkStyle {
  if (style === undefined) return DEFAULT_SDK_STYLE;
  if (style === 'go' || style === 'java' || style === 'python') return style;
  throw optionError(where, `unknown style ${describeValue(style)}; use 'go', 'java' or 'python'.`);
}
