import { redactText } from '../redact.js';
import type { SdkStyle } from '../sdk-style.js';
import { ERROR_BRAND, hasErrorBrand, nameErrorClass, type ErrorBrandKind } from './brand.js';
import type { BceErrorCauseJson } from './json.js';
import { sanitizeCause } from './sanitize-cause.js';

/** The schema tag of {@link BceErrorJson}; a new tag is a breaking change. */
export const ERROR_JSON_SCHEMA = 'bce-errors/error@1';

/** What every `@bce-errors` error is built from. */
export interface BceErrorInit {
  /** The SDK whose message format and policy produced the error. */
  style: SdkStyle;
  /** How many retries were made before this error was final. @default 0 */
  retries?: number;
  /** The underlying error; it is copied and redacted, never kept as is. */
  cause?: unknown;
}

/**
 * The base of every error this library throws. Catch it to handle any BCE failure; use
 * {@link BceServiceError} for HTTP error responses and {@link BceClientError} for everything else.
 *
 * `instanceof` works across duplicated copies of the package because it checks a `Symbol.for` brand.
 */
export class BceError extends Error {
  // On the prototype, not a class field: V8 writes the stack header from `name` while `super()` runs.
  // eslint-disable-next-line no-unused-private-class-members -- evaluated for its effect, see nameErrorClass
  static #named = /* @__PURE__ */ nameErrorClass(this, 'BceError');
  /** The SDK style that shaped this error. */
  readonly style: SdkStyle;
  /** How many retries were made before this error was final (Go: `Retried {n} times`). */
  readonly retries: number;
  declare readonly [ERROR_BRAND]: ErrorBrandKind;

  /**
   * @param messageIsRedacted the subclasses format their message from fields they already redacted; redacting a
   * 64 KiB message a second time would double the cost of a large error body for nothing.
   */
  constructor(message: string, init: BceErrorInit, brand: ErrorBrandKind = 'base', messageIsRedacted = false) {
    const cause = sanitizeCause(init.cause);
    super(messageIsRedacted ? message : redactText(message), cause === undefined ? undefined : { cause });
    Object.defineProperty(this, ERROR_BRAND, { value: brand, enumerable: false });
    this.style = init.style;
    this.retries = init.retries ?? 0;
  }

  /** Brand check that works across package copies and realms. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorBrand(value, 'base');
  }

  /**
   * Whether a value is a `BceError` from any copy of this package.
   * @example if (BceError.isInstance(error)) console.log(error.style);
   */
  static isInstance(value: unknown): value is BceError {
    return hasErrorBrand(value, 'base');
  }
}

/**
 * Whether a value is any `@bce-errors` error, from any copy of the package.
 * @example if (isBceError(error)) logger.warn({ requestId: error.requestId });
 */
export function isBceError(value: unknown): value is BceError {
  return hasErrorBrand(value, 'base');
}

// The helpers of the subclasses' `toJSON`; `fromJSON` in json.ts reads their output back.
/** Drops `undefined` members so the JSON has no `"key": undefined` noise and round-trips exactly. */
export function compactJson<T extends object>(value: T): T {
  const result: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (member !== undefined) result[key] = member;
  return result as T;
}

/** Serialises a cause chain's head: name, message and system code. */
export function causeToJson(cause: unknown): BceErrorCauseJson | undefined {
  if (!(cause instanceof Error)) return undefined;
  const code = (cause as { code?: unknown }).code;
  return compactJson({ name: cause.name, message: cause.message, code: typeof code === 'string' ? code : undefined });
}
