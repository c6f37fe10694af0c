import type { TransportCode } from '../parse/transport-code.js';
import { redactText } from '../redact.js';
import type { SdkStyle } from '../sdk-style.js';
import {
  BceError,
  causeToJson,
  compactJson,
  ERROR_JSON_SCHEMA,
  isBceError,
  type BceErrorRequest,
} from './bce-error.js';
import { hasErrorBrand, nameErrorClass } from './brand.js';
import { formatClientMessage } from './format-message.js';
import type { BceErrorJson } from './json.js';

/** The fields a {@link BceClientError} is built from. */
export interface BceClientErrorInit {
  /** The SDK style that decides the message format. */
  style: SdkStyle;
  /** Why no usable response arrived. */
  transportCode: TransportCode;
  /** The client's own error; copied and redacted. */
  cause?: unknown;
  /** How many retries were made. @default 0 */
  retries?: number;
  /** The `x-bce-request-id` the client sent, if any: the only id a failure without a response has. */
  sentRequestId?: string | undefined;
  /** The cause text of each attempt, oldest first (`connect ECONNREFUSED 127.0.0.1:80`); Python lists them all. */
  attemptTexts?: readonly string[];
  /** The request that failed (method and URL), when the adapter knows it; the URL is redacted. */
  request?: BceErrorRequest | undefined;
  /**
   * The error of the attempt whose retry a user's policy callback was deciding when the callback threw (see
   * {@link BceClientError.failedAttempt}); kept as it is, as the attempt's error is a `BceError` already redacted.
   */
  failedAttempt?: BceError | undefined;
  /** The formatted message; computed when absent (used by `fromJSON`). */
  message?: string;
}

/**
 * The text of an attempt's failure, as the SDKs print it after `error: `. A generic wrapper message such as
 * undici's `fetch failed` is followed by its causes' messages, so the text names the real failure.
 */
export function describeCause(cause: unknown): string {
  try {
    if (!(cause instanceof Error)) return typeof cause === 'string' ? cause : 'unknown error';
    // `message` and `name` are read as `unknown`: a hostile error can hold anything there (a proxy, a number).
    const message: unknown = cause.message;
    const name: unknown = cause.name;
    let text = typeof message === 'string' && message !== '' ? message : typeof name === 'string' ? name : 'Error';
    let inner: unknown = cause.cause;
    for (let depth = 0; depth < 3 && inner instanceof Error; depth += 1) {
      const innerMessage: unknown = inner.message;
      if (typeof innerMessage === 'string' && innerMessage !== '' && !text.includes(innerMessage))
        text = `${text}: ${innerMessage}`;
      inner = inner.cause;
    }
    return text;
  } catch {
    // A hostile cause (a proxy, a throwing getter) must not turn error handling into a crash.
    return 'unknown error';
  }
}

// The failed attempt may be an error of another copy of the package: its `toJSON` is called, never trusted to work.
function failedAttemptToJson(error: BceError | undefined): BceErrorJson | undefined {
  if (error === undefined) return undefined;
  try {
    const json: unknown = (error as { toJSON?: () => unknown }).toJSON?.();
    return typeof json === 'object' && json !== null ? (json as BceErrorJson) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The request produced no usable response: refused, reset, DNS, TLS, timeout, abort or a body that could not be
 * read. `transportCode` is the same whichever HTTP client was used.
 */
export class BceClientError extends BceError {
  // eslint-disable-next-line no-unused-private-class-members -- evaluated for its effect, see nameErrorClass
  static #named = /* @__PURE__ */ nameErrorClass(this, 'BceClientError');
  /** Why no usable response arrived. */
  readonly transportCode: TransportCode;
  /** The `x-bce-request-id` the client sent, if any. */
  readonly sentRequestId: string | undefined;
  /** One redacted text per attempt, oldest first. */
  readonly attemptTexts: readonly string[];
  /**
   * Set only when a user's retry callback (`retry.shouldRetry` or `retry.delayMs`) threw while deciding whether
   * and when to retry a failed attempt: the request ended with this error (`transportCode` `'Unknown'`, `cause` the
   * callback's error, copied and redacted), and this field holds that attempt's own error (the 503
   * `BceServiceError`, the `ConnectionReset` `BceClientError`), so the server's answer is never lost. `undefined`
   * for every other error (which then has no such own property). `toJSON()` includes it and `fromJSON` rebuilds it.
   */
  declare readonly failedAttempt: BceError | undefined;

  constructor(init: BceClientErrorInit) {
    const retries = init.retries ?? 0;
    const attemptTexts = (init.attemptTexts ?? [describeCause(init.cause)]).map(redactText);
    super(
      init.message ?? formatClientMessage(init.style, retries, init.transportCode, attemptTexts),
      init,
      'client',
      init.message === undefined,
    );
    this.transportCode = init.transportCode;
    this.sentRequestId = init.sentRequestId;
    this.attemptTexts = attemptTexts;
    // Only a genuine BceError is kept: it is redacted already, while anything else could carry what it likes. Set
    // only when present, so every other client error keeps the own properties it always had.
    if (isBceError(init.failedAttempt)) (this as { failedAttempt: BceError }).failedAttempt = init.failedAttempt;
  }

  /** The stable, redacted JSON shape; `fromJSON` reads it back. */
  toJSON(): BceErrorJson {
    return compactJson<BceErrorJson>({
      schema: ERROR_JSON_SCHEMA,
      kind: 'client',
      name: this.name,
      message: this.message,
      style: this.style,
      retries: this.retries,
      transportCode: this.transportCode,
      sentRequestId: this.sentRequestId,
      attemptTexts: [...this.attemptTexts],
      request: this.request,
      cause: causeToJson(this.cause),
      failedAttempt: failedAttemptToJson(this.failedAttempt),
    });
  }

  /** Brand check that works across package copies and realms. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorBrand(value, 'client');
  }

  /** Whether a value is a `BceClientError` from any copy of this package. */
  static override isInstance(value: unknown): value is BceClientError {
    return hasErrorBrand(value, 'client');
  }
}

/** Whether a value is a {@link BceClientError} from any copy of this package. */
export function isBceClientError(value: unknown): value is BceClientError {
  return hasErrorBrand(value, 'client');
}
