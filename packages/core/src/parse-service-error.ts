import { BceServiceError } from './bce-service-error.js';
import { describeValue } from './describe-value.js';
import { httpStatusText } from './http-status-text.js';
import { readHeader, type HeaderSource } from './read-header.js';
import { scanLeadingFields } from './scan-leading-fields.js';
import { resolveSdkStyle, type SdkStyle } from './sdk-style.js';

/** Which body shapes the parser reads (contract P11). */
export type ErrorDialect = 'bce' | 'auto';

/** An HTTP response as any client exposes it. */
export interface ServiceErrorResponse {
  /** The HTTP status code. */
  status: number;
  /** The reason phrase of the status line; the standard phrase is used when absent or empty. */
  statusText?: string | undefined;
  /** The response headers: a WHATWG `Headers` or a Node-style record. */
  headers: HeaderSource | null | undefined;
  /** The body bytes (decoded from gzip, deflate or br by the client), text, or `null` for none. */
  body: Uint8Array | ArrayBuffer | string | null | undefined;
}

/** Options of {@link parseServiceError}. */
export interface ParseServiceErrorOptions {
  /** The SDK whose message format and fallbacks to use. @default 'go' */
  style?: SdkStyle;
  /** `'auto'` also reads `{error_code, error_msg}`, `{error: {code, message}}` and `x-request-id`. @default 'bce' */
  dialect?: ErrorDialect;
  /** How many retries were made before this response. @default 0 */
  retries?: number;
  /** At most this many body bytes are read and kept (contract P12). @default 65536 */
  maxErrorBodyBytes?: number;
}

/** The default of `maxErrorBodyBytes`: 64 KiB. */
export const DEFAULT_MAX_ERROR_BODY_BYTES = 64 * 1024;

/** What adapters add to the public options: facts about how the body was read. */
export interface ParseServiceErrorInternalOptions extends ParseServiceErrorOptions {
  /** The adapter stopped reading at `maxErrorBodyBytes`; the body is only the start. */
  bodyTruncated?: boolean;
  /** The connection closed before the announced length: the body is cut short (P7). */
  bodyIncomplete?: boolean;
  /** The request method, kept on the error. */
  method?: string | undefined;
  /** Build an error even for a status the style counts as success (the client already rejected it). */
  force?: boolean;
}

const MALFORMED_CODE = 'MalformedJSON';
const MALFORMED_MESSAGE = 'Service json error message decode failed';
const SNIPPET_CHARACTERS = 512;

// Go's guesses for an empty body (bce-sdk-go `bce/response.go`), used in every style (P5).
const EMPTY_BODY_CODES: Readonly<Record<number, string>> = {
  400: 'InvalidHTTPRequest',
  403: 'AccessDenied',
  412: 'PreconditionFailed',
  500: 'InternalError',
};

const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8');

/**
 * Whether a final HTTP status is an error for `style` (contract P1): Go treats status >= 400 as an error, Java and
 * Python every status outside 2xx.
 */
export function isErrorStatus(style: SdkStyle, status: number): boolean {
  return style === 'go' ? status >= 400 : status < 200 || status >= 300;
}

function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** P2: the exact key first, then the first key that matches case-insensitively. Own properties only. */
function pickField(source: Record<string, unknown>, key: string): string | undefined {
  if (Object.hasOwn(source, key)) {
    const exact = toText(source[key]);
    if (exact !== undefined) return exact;
  }
  const lower = key.toLowerCase();
  for (const candidate of Object.keys(source)) {
    if (candidate !== key && candidate.toLowerCase() === lower) {
      const value = toText(source[candidate]);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface BodyFields {
  code: string | undefined;
  message: string | undefined;
  requestId: string | undefined;
}

function readBodyFields(source: Record<string, unknown>, dialect: ErrorDialect): BodyFields {
  const fields: BodyFields = {
    code: pickField(source, 'code'),
    message: pickField(source, 'message'),
    requestId: pickField(source, 'requestId'),
  };
  if (dialect === 'auto') {
    const nested = Object.hasOwn(source, 'error') ? source.error : undefined;
    if (isPlainRecord(nested)) {
      fields.code ??= pickField(nested, 'code');
      fields.message ??= pickField(nested, 'message');
    }
    fields.code ??= pickField(source, 'error_code');
    fields.message ??= pickField(source, 'error_msg');
    fields.requestId ??= pickField(source, 'request_id');
  }
  return fields;
}

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    // A delay too long for a number (hundreds of digits) is no usable delay, and would serialise as `null`.
    const milliseconds = Number(trimmed) * 1000;
    return Number.isFinite(milliseconds) ? milliseconds : undefined;
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

type DecodedBody =
  | { kind: 'empty' }
  | { kind: 'object'; value: Record<string, unknown> }
  | { kind: 'leading'; fields: Record<string, unknown>; partialMessage?: { key: string; value: string } }
  | { kind: 'malformed'; snippet: string };

function toBytes(body: Uint8Array | ArrayBuffer): Uint8Array {
  return body instanceof Uint8Array ? body : new Uint8Array(body);
}

function decodeBody(body: unknown, maxBytes: number, truncatedByAdapter: boolean): { decoded: DecodedBody; truncated: boolean } {
  if (body === null || body === undefined) return { decoded: { kind: 'empty' }, truncated: false };
  if (typeof body === 'object' && !(body instanceof Uint8Array) && !(body instanceof ArrayBuffer)) {
    // A client that already parsed JSON (axios' default `responseType`).
    if (isPlainRecord(body)) return { decoded: { kind: 'object', value: body }, truncated: truncatedByAdapter };
    return { decoded: { kind: 'malformed', snippet: '' }, truncated: truncatedByAdapter };
  }
  let text: string;
  let truncated = truncatedByAdapter;
  if (typeof body === 'string') {
    if (body.length === 0) return { decoded: { kind: 'empty' }, truncated };
    if (body.length > maxBytes) {
      text = body.slice(0, maxBytes);
      truncated = true;
    } else text = body;
  } else if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    const bytes = toBytes(body);
    if (bytes.byteLength === 0) return { decoded: { kind: 'empty' }, truncated };
    if (bytes.byteLength > maxBytes) {
      truncated = true;
      // A fresh decoder: `stream: true` buffers a cut character, which a shared decoder would prepend to the next body.
      text = new TextDecoder('utf-8').decode(bytes.subarray(0, maxBytes), { stream: true });
    } else if (truncated) {
      text = new TextDecoder('utf-8').decode(bytes, { stream: true });
    } else {
      try {
        text = strictDecoder.decode(bytes);
      } catch {
        // P7: broken UTF-8 is a malformed body, not a crash.
        return {
          decoded: { kind: 'malformed', snippet: lenientDecoder.decode(bytes.subarray(0, SNIPPET_CHARACTERS)) },
          truncated,
        };
      }
    }
  } else {
    return { decoded: { kind: 'malformed', snippet: '' }, truncated };
  }

  if (truncated) {
    const leading = scanLeadingFields(text);
    if (leading === undefined) {
      return { decoded: { kind: 'malformed', snippet: text.slice(0, SNIPPET_CHARACTERS) }, truncated };
    }
    return {
      decoded:
        leading.partial === undefined
          ? { kind: 'leading', fields: leading.complete }
          : { kind: 'leading', fields: leading.complete, partialMessage: leading.partial },
      truncated,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { decoded: { kind: 'malformed', snippet: text.slice(0, SNIPPET_CHARACTERS) }, truncated };
  }
  // P6: `null` counts as `{}`; anything else that is not an object is malformed (P7).
  if (parsed === null) return { decoded: { kind: 'object', value: {} }, truncated };
  if (!isPlainRecord(parsed)) {
    return { decoded: { kind: 'malformed', snippet: text.slice(0, SNIPPET_CHARACTERS) }, truncated };
  }
  return { decoded: { kind: 'object', value: parsed }, truncated };
}

// A body a client already parsed (axios' `data`) can be any object: a proxy or a throwing getter is a malformed body
// (P7), never an exception thrown from error handling.
function decodeBodySafely(body: unknown, maxBytes: number, truncatedByAdapter: boolean): { decoded: DecodedBody; truncated: boolean } {
  try {
    return decodeBody(body, maxBytes, truncatedByAdapter);
  } catch {
    return { decoded: { kind: 'malformed', snippet: '' }, truncated: truncatedByAdapter };
  }
}

function readBodyFieldsSafely(source: Record<string, unknown>, dialect: ErrorDialect): BodyFields | undefined {
  try {
    return readBodyFields(source, dialect);
  } catch {
    return undefined;
  }
}

function validateMaxBytes(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_ERROR_BODY_BYTES;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new TypeError(
      `maxErrorBodyBytes must be a positive whole number of bytes (got ${describeValue(value)}); the default is 65536.`,
    );
  }
  return value;
}

function validateRetries(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`retries must be a whole number >= 0 (got ${describeValue(value)}).`);
  }
  return value;
}

/**
 * Turns an HTTP error response into a {@link BceServiceError} following the contract's rules P1-P12, or returns
 * `undefined` when the status is a success for the chosen style. Never throws on response input, whatever the
 * status, headers or body bytes; throws a `TypeError` only for invalid options.
 *
 * @example
 * const error = parseServiceError({ status: 404, headers: response.headers, body: await response.text() });
 */
export function parseServiceError(
  response: ServiceErrorResponse,
  options?: ParseServiceErrorOptions,
): BceServiceError | undefined {
  return parseServiceErrorWith(response, options ?? {});
}

/** {@link parseServiceError} with the facts only an adapter knows (truncation, an incomplete body, the method). */
export function parseServiceErrorWith(
  response: ServiceErrorResponse,
  options: ParseServiceErrorInternalOptions,
): BceServiceError | undefined {
  const style = resolveSdkStyle(options.style, 'parseServiceError');
  const dialect: unknown = options.dialect ?? 'bce';
  if (dialect !== 'bce' && dialect !== 'auto') {
    throw new TypeError(`parseServiceError: unknown dialect ${describeValue(dialect)}; use 'bce' or 'auto'.`);
  }
  const maxBytes = validateMaxBytes(options.maxErrorBodyBytes);
  const retries = validateRetries(options.retries);

  const rawStatus: unknown = (response as Partial<ServiceErrorResponse> | null | undefined)?.status;
  const status = typeof rawStatus === 'number' && Number.isInteger(rawStatus) && rawStatus >= 100 && rawStatus <= 999 ? rawStatus : 0;
  if (status !== 0 && !isErrorStatus(style, status) && options.force !== true) return undefined;

  const headers: unknown = response.headers;
  const providedText: unknown = response.statusText;
  const reason =
    typeof providedText === 'string' && providedText.trim() !== '' ? providedText.trim() : httpStatusText(status);
  const headerRequestId =
    readHeader(headers, 'x-bce-request-id') ?? (dialect === 'auto' ? readHeader(headers, 'x-request-id') : undefined);
  const debugId = readHeader(headers, 'x-bce-debug-id');
  const retryAfterMs = parseRetryAfter(readHeader(headers, 'retry-after'));

  let code: string | undefined;
  let message: string | undefined;
  let requestId: string | undefined;
  let bodySnippet: string | undefined;
  const { decoded, truncated } = options.bodyIncomplete
    ? { decoded: { kind: 'malformed', snippet: '' } as DecodedBody, truncated: false }
    : decodeBodySafely(response.body, maxBytes, options.bodyTruncated ?? false);

  switch (decoded.kind) {
    case 'empty':
      // P5: Go's guess, in every style.
      code = EMPTY_BODY_CODES[status] ?? reason.replaceAll(' ', '');
      break;
    case 'object': {
      const fields = readBodyFieldsSafely(decoded.value, dialect);
      if (fields === undefined) {
        code = MALFORMED_CODE;
        message = MALFORMED_MESSAGE;
        bodySnippet = '';
        break;
      }
      code = fields.code ?? '';
      message = fields.message;
      requestId = fields.requestId;
      break;
    }
    case 'leading': {
      const fields = readBodyFields(decoded.fields, dialect);
      code = fields.code ?? '';
      message = fields.message;
      requestId = fields.requestId;
      if (message === undefined && decoded.partialMessage !== undefined) {
        const partialKey = decoded.partialMessage.key.toLowerCase();
        if (partialKey === 'message' || (dialect === 'auto' && partialKey === 'error_msg')) {
          message = decoded.partialMessage.value;
        }
      }
      break;
    }
    case 'malformed':
      code = MALFORMED_CODE;
      message = MALFORMED_MESSAGE;
      bodySnippet = decoded.snippet;
      break;
  }

  const fallbackMessage = style === 'go' ? `${String(status)} ${reason}`.trim() : reason;
  return new BceServiceError({
    style,
    code,
    errorMessage: message ?? fallbackMessage,
    requestId: requestId ?? headerRequestId ?? '',
    statusCode: status,
    debugId,
    retries,
    bodyTruncated: truncated,
    bodySnippet,
    retryAfterMs,
    method: options.method,
  });
}
