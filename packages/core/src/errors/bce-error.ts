import { redactText } from '../redact.js';
import type { SdkStyle } from '../sdk-style.js';
import { ERROR_BRAND, hasErrorBrand, nameErrorClass, type ErrorBrandKind } from './brand.js';
import type { BceErrorCauseJson } from './json.js';
import { redactUrl } from './redact-url.js';
import { sanitizeCause } from './sanitize-cause.js';

/** The schema tag of {@link BceErrorJson}; a new tag is a breaking change. */
export const ERROR_JSON_SCHEMA = 'bce-errors/error@1';

/** The request an error belongs to, as far as the adapter knew it; redacted. */
export interface BceErrorRequest {
  /** The method, upper case (`GET`). */
  readonly method: string;
  /**
   * The URL the request was sent to, as the client was given it (absolute, or relative to a base URL the client did
   * not expose), with userinfo and the secret query parameters of a presigned URL replaced by `[REDACTED]`.
   */
  readonly url: string;
}

/** What every `@bce-errors` error is built from. */
export interface BceErrorInit {
  /** The SDK whose message format and policy produced the error. */
  style: SdkStyle;
  /** How many retries were made before this error was final. @default 0 */
  retries?: number;
  /** The underlying error; it is copied and redacted, never kept as is. */
  cause?: unknown;
  /** The request the error belongs to, when known; its URL is redacted here. */
  request?: BceErrorRequest | undefined;
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
  /**
   * The request that failed: method and redacted URL, when the error came from an adapter (`undefined` from
   * `parseServiceError` and `toBceError`). Kept out of `message`, whose format is the SDK's; `toJSON()` and
   * `util.inspect` show it.
   */
  readonly request: BceErrorRequest | undefined;
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
    this.request = redactRequest(init.request);
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

function redactRequest(request: unknown): BceErrorRequest | undefined {
  // Checked, not trusted: the init of `fromJSON` comes from outside.
  if (typeof request !== 'object' || request === null) return undefined;
  const { method, url } = request as { method: unknown; url: unknown };
  if (typeof url !== 'string') return undefined;
  // Frozen: `toJSON()` hands out this object, and a logger that changes it must not change the error.
  return Object.freeze({ method: typeof method === 'string' ? redactText(method) : '', url: redactUrl(url) });
}

// The helpers of the subclasses' `toJSON`; `fromJSON` in json.ts reads their output back.
/** `T` whose members may also be `undefined`: what {@link compactJson} is given to build a `T`. */
type WithUndefined<T> = { [K in keyof T]: T[K] | undefined };

/** Drops `undefined` members so the JSON has no `"key": undefined` noise and round-trips exactly. */
export function compactJson<T extends object>(value: WithUndefined<T>): T {
  const result: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (member !== undefined) result[key] = member;
  return result as T;
}

/** Serialises a cause chain's head: name, message and system code. */
export function causeToJson(cause: unknown): BceErrorCauseJson | undefined {
  if (!(cause instanceof Error)) return undefined;
  const code = (cause as { code?: unknown }).code;
  return compactJson<BceErrorCauseJson>({
    name: cause.name,
    message: cause.message,
    code: typeof code === 'string' ? code : undefined,
  });
}
