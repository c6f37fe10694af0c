import type { KnownErrorCode } from '../catalog/catalog-codes.gen.js';
import type { CatalogEntry } from '../catalog/catalog-entry.js';
import { lookupRegisteredCatalogEntry } from '../catalog/registry.js';
import { redactText } from '../redact.js';
import type { SdkStyle } from '../sdk-style.js';
import { BceError, compactJson, ERROR_JSON_SCHEMA, type BceErrorRequest } from './bce-error.js';
import { hasErrorBrand, nameErrorClass } from './brand.js';
import { formatServiceMessage } from './format-message.js';
import type { BceErrorJson } from './json.js';

/** Java's classification of a service error: `'Service'` for status >= 500, else `'Client'` (contract P10). */
export type BceErrorType = 'Client' | 'Service';

/** The fields a {@link BceServiceError} is built from. */
export interface BceServiceErrorInit {
  /** The SDK style that decides the message format. */
  style: SdkStyle;
  /** The service's error code (`NoSuchKey`), `''` when the body had none. */
  code: KnownErrorCode | (string & {});
  /** The service's own message, or the style's fallback. */
  errorMessage: string;
  /** The request id from the body, else the response header, else `''`. */
  requestId: string;
  /** The HTTP status of the response. */
  statusCode: number;
  /** The `x-bce-debug-id` response header. */
  debugId?: string | undefined;
  /** How many retries were made. @default 0 */
  retries?: number;
  /** Whether the error body was longer than `maxErrorBodyBytes` and only its start was read. @default false */
  bodyTruncated?: boolean;
  /** The start of a body that was not a JSON object (an HTML proxy page), for diagnosis. */
  bodySnippet?: string | undefined;
  /** The `Retry-After` response header in milliseconds, when the server sent one. */
  retryAfterMs?: number | undefined;
  /** The request method, when the adapter knows it. */
  method?: string | undefined;
  /** The request the response answered (method and URL), when the adapter knows it; the URL is redacted. */
  request?: BceErrorRequest | undefined;
  /** The formatted message; computed from the fields when absent (used by `fromJSON`). */
  message?: string;
}

/**
 * The server answered with an HTTP error. Carries the parsed BCE fields, the formatted message of the chosen
 * SDK style and the aliases of the Go, Java and Python SDKs.
 */
export class BceServiceError extends BceError {
  // eslint-disable-next-line no-unused-private-class-members -- evaluated for its effect, see nameErrorClass
  static #named = /* @__PURE__ */ nameErrorClass(this, 'BceServiceError');
  /**
   * The service's error code, e.g. `NoSuchKey`; `''` when the body had none. Typed so that editors complete the
   * catalog's codes while any other code still fits; `hasCode()` narrows to the catalog's.
   */
  readonly code: KnownErrorCode | (string & {});
  /** The server's own message (or its fallback), without formatting. */
  readonly errorMessage: string;
  /** The request id: body `requestId`, else the `x-bce-request-id` header, else `''`. */
  readonly requestId: string;
  /** The HTTP status; a body key never changes it. */
  readonly statusCode: number;
  /** `'Service'` for status >= 500, else `'Client'`. */
  readonly errorType: BceErrorType;
  /** The `x-bce-debug-id` response header, when present. */
  readonly debugId: string | undefined;
  /** Whether the body was cut at `maxErrorBodyBytes`. */
  readonly bodyTruncated: boolean;
  /** The start of an unparseable body, redacted; `undefined` for a JSON body. */
  readonly bodySnippet: string | undefined;
  /** The server's `Retry-After`, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** The request method, when known. */
  readonly method: string | undefined;

  constructor(init: BceServiceErrorInit) {
    const fields = {
      code: redactText(init.code),
      errorMessage: redactText(init.errorMessage),
      requestId: redactText(init.requestId),
      statusCode: init.statusCode,
    };
    // A message formatted from the redacted fields is redacted already; one given by `fromJSON` is checked again.
    const message = init.message ?? formatServiceMessage(init.style, fields);
    super(message, init, 'service', init.message === undefined);
    this.code = fields.code;
    this.errorMessage = fields.errorMessage;
    this.requestId = fields.requestId;
    this.statusCode = fields.statusCode;
    this.errorType = fields.statusCode >= 500 ? 'Service' : 'Client';
    // Header and request values are redacted like every other field: a proxy can echo anything into them.
    this.debugId = init.debugId === undefined ? undefined : redactText(init.debugId);
    this.bodyTruncated = init.bodyTruncated ?? false;
    this.bodySnippet = init.bodySnippet === undefined ? undefined : redactText(init.bodySnippet);
    this.retryAfterMs = init.retryAfterMs;
    this.method = init.method === undefined ? undefined : redactText(init.method);
  }

  /** Brand check that works across package copies and realms. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorBrand(value, 'service');
  }

  /** Whether a value is a `BceServiceError` from any copy of this package. */
  static override isInstance(value: unknown): value is BceServiceError {
    return hasErrorBrand(value, 'service');
  }

  /**
   * The documented meaning of this error's code (description, remedy, message template) from the error catalog,
   * or `undefined` when the code is not documented. The catalog loads with `@bce-errors/core` in Node; a bundle
   * that never imports a catalog function (`lookupError`, `catalogEntryForError`, ...) leaves its texts out, and
   * then this is `undefined` until one is imported.
   */
  get catalogEntry(): CatalogEntry | undefined {
    return lookupRegisteredCatalogEntry(this.code, this.statusCode);
  }

  /** The stable, redacted JSON shape; `fromJSON` reads it back. */
  toJSON(): BceErrorJson {
    return compactJson<BceErrorJson>({
      schema: ERROR_JSON_SCHEMA,
      kind: 'service',
      name: this.name,
      message: this.message,
      style: this.style,
      retries: this.retries,
      code: this.code,
      errorMessage: this.errorMessage,
      requestId: this.requestId,
      statusCode: this.statusCode,
      errorType: this.errorType,
      debugId: this.debugId,
      bodyTruncated: this.bodyTruncated,
      bodySnippet: this.bodySnippet,
      retryAfterMs: this.retryAfterMs,
      method: this.method,
      request: this.request,
    });
  }

  /** Go SDK alias of {@link code}. */
  get Code(): KnownErrorCode | (string & {}) {
    return this.code;
  }
  /** Go SDK alias of {@link errorMessage}. */
  get Message(): string {
    return this.errorMessage;
  }
  /** Go SDK alias of {@link requestId}. */
  get RequestId(): string {
    return this.requestId;
  }
  /** Go SDK alias of {@link statusCode}. */
  get StatusCode(): number {
    return this.statusCode;
  }
  /** Python and BCE JS SDK alias of {@link statusCode}. */
  get status_code(): number {
    return this.statusCode;
  }
  /** Python and BCE JS SDK alias of {@link requestId}. */
  get request_id(): string {
    return this.requestId;
  }
  /** Java SDK alias of {@link code}. */
  getErrorCode(): KnownErrorCode | (string & {}) {
    return this.code;
  }
  /** Java SDK alias of {@link errorMessage}. */
  getErrorMessage(): string {
    return this.errorMessage;
  }
  /** Java SDK alias of {@link requestId}. */
  getRequestId(): string {
    return this.requestId;
  }
  /** Java SDK alias of {@link statusCode}. */
  getStatusCode(): number {
    return this.statusCode;
  }
  /** Java SDK alias of {@link errorType}. */
  getErrorType(): BceErrorType {
    return this.errorType;
  }
}

/** Whether a value is a {@link BceServiceError} from any copy of this package. */
export function isBceServiceError(value: unknown): value is BceServiceError {
  return hasErrorBrand(value, 'service');
}
