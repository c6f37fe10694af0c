import { BceServiceError } from '../errors/bce-service-error.js';
import {
  checkMaxErrorBodyBytes,
  checkRetries,
  DEFAULT_MAX_ERROR_BODY_BYTES,
  isWholeNumber,
  resolveDialect,
  resolveSdkStyle,
} from '../options/validate.js';
import type { SdkStyle } from '../sdk-style.js';
import { keysIgnoringCase } from '../util/keys-ignoring-case.js';
import { httpStatusText } from './http-status-text.js';
import { readHeader, REQUEST_ID_HEADER, type HeaderSource } from './read-header.js';
import { scanLeadingFields, type LeadingFields } from './scan-leading-fields.js';

export { DEFAULT_MAX_ERROR_BODY_BYTES };

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

/**
 * What {@link buildServiceError} builds from: the caller's options already validated, plus the facts only an
 * adapter knows (how the body was read, the method).
 */
export interface ServiceErrorFacts {
  style: SdkStyle;
  dialect: ErrorDialect;
  /** How many retries were made before this response. */
  retries: number;
  /** At most this many body bytes are read and kept (P12). */
  maxErrorBodyBytes: number;
  /** The adapter stopped reading at `maxErrorBodyBytes`; the body is only the start. */
  bodyTruncated?: boolean | undefined;
  /** The connection closed before the announced length: the body is cut short (P7). */
  bodyIncomplete?: boolean | undefined;
  /** The request method, kept on the error. */
  method?: string | undefined;
}

/** A response whose body may already be parsed by the client (axios' `data`): any shape, read without throwing. */
interface AnyBodyResponse extends Omit<ServiceErrorResponse, 'body'> {
  body: unknown;
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

/** P2: the exact key first, then the first key that matches case-insensitively and holds text. Own properties only. */
function pickField(source: Record<string, unknown>, key: string): string | undefined {
  for (const candidate of keysIgnoringCase(source, key)) {
    const value = toText(source[candidate]);
    if (value !== undefined) return value;
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

function readBodyFields(
  source: Record<string, unknown>,
  dialect: ErrorDialect,
  partial?: LeadingFields['partial'],
): BodyFields {
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
  // P12: the cut fell inside the message itself, so its readable start is the best message there is.
  if (fields.message === undefined && partial !== undefined) {
    const partialKey = partial.key.toLowerCase();
    if (partialKey === 'message' || (dialect === 'auto' && partialKey === 'error_msg')) fields.message = partial.value;
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

/** What an error body says: nothing, the BCE fields, or something that is not a JSON object (P5-P7). */
type BodyReading = (
  { kind: 'empty' } | { kind: 'fields'; fields: BodyFields } | { kind: 'malformed'; snippet: string }
) & {
  /** Only the start of the body was read. */
  truncated: boolean;
};

function emptyBody(truncated: boolean): BodyReading {
  return { kind: 'empty', truncated };
}

function malformedBody(snippet: string, truncated: boolean): BodyReading {
  return { kind: 'malformed', snippet, truncated };
}

function readBody(body: unknown, maxBytes: number, truncatedByAdapter: boolean, dialect: ErrorDialect): BodyReading {
  if (body === null || body === undefined) return emptyBody(false);
  let text: string;
  let truncated = truncatedByAdapter;
  if (typeof body === 'string') {
    if (body === '') return emptyBody(truncated);
    truncated ||= body.length > maxBytes;
    text = body.slice(0, maxBytes);
  } else if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    const bytes = body instanceof Uint8Array ? body : new Uint8Array(body);
    // Checked on the bytes, not the text: a body that is only a byte order mark decodes to '' and is malformed.
    if (bytes.byteLength === 0) return emptyBody(truncated);
    if (bytes.byteLength > maxBytes || truncated) {
      truncated = true;
      // A fresh decoder: `stream: true` buffers a cut character, which a shared decoder would prepend to the next body.
      text = new TextDecoder('utf-8').decode(bytes.subarray(0, maxBytes), { stream: true });
    } else {
      try {
        text = strictDecoder.decode(bytes);
      } catch {
        // P7: broken UTF-8 is a malformed body, not a crash.
        return malformedBody(lenientDecoder.decode(bytes.subarray(0, SNIPPET_CHARACTERS)), truncated);
      }
    }
  } else if (isPlainRecord(body)) {
    // A client that already parsed JSON (axios' default `responseType`).
    return { kind: 'fields', fields: readBodyFields(body, dialect), truncated };
  } else {
    return malformedBody('', truncated);
  }

  if (truncated) {
    // P12: the fields read whole before the cut, and the start of the message the cut fell in.
    const leading = scanLeadingFields(text);
    if (leading !== undefined) {
      return { kind: 'fields', fields: readBodyFields(leading.complete, dialect, leading.partial), truncated };
    }
  } else {
    const parsed = parseJson(text);
    // P6: `null` counts as `{}`; anything else that is not an object is malformed (P7).
    if (parsed === null || isPlainRecord(parsed)) {
      return { kind: 'fields', fields: readBodyFields(parsed ?? {}, dialect), truncated };
    }
  }
  return malformedBody(text.slice(0, SNIPPET_CHARACTERS), truncated);
}

/** `JSON.parse`, with `undefined` for text that is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// A body a client already parsed (axios' `data`) can be any object: a proxy or a throwing getter is a malformed body
// (P7), never an exception thrown from error handling.
function readBodySafely(
  body: unknown,
  maxBytes: number,
  truncatedByAdapter: boolean,
  dialect: ErrorDialect,
): BodyReading {
  try {
    return readBody(body, maxBytes, truncatedByAdapter, dialect);
  } catch {
    return malformedBody('', truncatedByAdapter);
  }
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
  const facts = resolveParseOptions(options, 'parseServiceError');
  const status = readStatus(response);
  if (status !== 0 && !isErrorStatus(facts.style, status)) return undefined;
  return buildServiceError(response, facts);
}

/**
 * Validates the public parse options once, with one message per rule.
 * @throws TypeError naming `where` and what to fix.
 */
export function resolveParseOptions(options: ParseServiceErrorOptions | undefined, where: string): ServiceErrorFacts {
  return {
    style: resolveSdkStyle(options?.style, where),
    dialect: resolveDialect(options?.dialect, where),
    retries: checkRetries(options?.retries, where),
    maxErrorBodyBytes: checkMaxErrorBodyBytes(options?.maxErrorBodyBytes, where),
  };
}

function readStatus(response: unknown): number {
  const rawStatus: unknown = (response as Partial<ServiceErrorResponse> | null | undefined)?.status;
  return isWholeNumber(rawStatus, 100) && rawStatus <= 999 ? rawStatus : 0;
}

/**
 * Builds the {@link BceServiceError} of a response whatever its status (the client already rejected it, or the
 * adapter decided it is an error): the one place P2-P12 are applied. Never throws on response input.
 */
export function buildServiceError(response: AnyBodyResponse, facts: ServiceErrorFacts): BceServiceError {
  const { style, dialect, maxErrorBodyBytes: maxBytes, retries } = facts;
  const status = readStatus(response);

  const headers: unknown = response.headers;
  const providedText: unknown = response.statusText;
  const reason =
    typeof providedText === 'string' && providedText.trim() !== '' ? providedText.trim() : httpStatusText(status);
  const headerRequestId =
    readHeader(headers, REQUEST_ID_HEADER) ?? (dialect === 'auto' ? readHeader(headers, 'x-request-id') : undefined);
  const debugId = readHeader(headers, 'x-bce-debug-id');
  const retryAfterMs = parseRetryAfter(readHeader(headers, 'retry-after'));

  const body = facts.bodyIncomplete
    ? malformedBody('', false)
    : readBodySafely(response.body, maxBytes, facts.bodyTruncated ?? false, dialect);
  let code: string;
  let message: string | undefined;
  let requestId: string | undefined;
  let bodySnippet: string | undefined;
  switch (body.kind) {
    case 'empty':
      // P5: Go's guess, in every style.
      code = EMPTY_BODY_CODES[status] ?? reason.replaceAll(' ', '');
      break;
    case 'fields':
      code = body.fields.code ?? '';
      message = body.fields.message;
      requestId = body.fields.requestId;
      break;
    case 'malformed':
      code = MALFORMED_CODE;
      message = MALFORMED_MESSAGE;
      bodySnippet = body.snippet;
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
    bodyTruncated: body.truncated,
    bodySnippet,
    retryAfterMs,
    method: facts.method,
  });
}
