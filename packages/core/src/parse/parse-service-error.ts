import type { BceErrorRequest } from '../errors/bce-error.js';
import { BceServiceError } from '../errors/bce-service-error.js';
import {
  checkMaxErrorBodyBytes,
  checkOptionNames,
  checkRetries,
  DEFAULT_MAX_ERROR_BODY_BYTES,
  isWholeNumber,
  readOption,
  resolveDialect,
  resolveSdkStyle,
} from '../options/validate.js';
import type { SdkStyle } from '../sdk-style.js';
import { readProperty } from '../util/read-property.js';
import { httpStatusText } from './http-status-text.js';
import { readErrorBody, type BodyReading, type ErrorDialect } from './read-error-body.js';
import { readHeader, readRequestIdHeader, REQUEST_ID_HEADER, type HeaderSource } from './read-header.js';

export { DEFAULT_MAX_ERROR_BODY_BYTES };

export type { ErrorDialect };

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
  style?: SdkStyle | undefined;
  /** `'auto'` also reads `{error_code, error_msg}`, `{error: {code, message}}` and `x-request-id`. @default 'bce' */
  dialect?: ErrorDialect | undefined;
  /** How many retries were made before this response. @default 0 */
  retries?: number | undefined;
  /** At most this many body bytes are read and kept (contract P12). @default 65536 */
  maxErrorBodyBytes?: number | undefined;
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
  /** The request (method and URL) the response answered, kept on the error (which redacts the URL). */
  request?: BceErrorRequest | undefined;
}

/** A response whose body may already be parsed by the client (axios' `data`): any shape, read without throwing. */
interface AnyBodyResponse extends Omit<ServiceErrorResponse, 'body'> {
  body: unknown;
}

const MALFORMED_CODE = 'MalformedJSON';
const MALFORMED_MESSAGE = 'Service json error message decode failed';
// Go's guesses for an empty body (bce-sdk-go `bce/response.go`), used in every style (P5).
const EMPTY_BODY_CODES: Readonly<Record<number, string>> = {
  400: 'InvalidHTTPRequest',
  403: 'AccessDenied',
  412: 'PreconditionFailed',
  500: 'InternalError',
};

/**
 * Whether a final HTTP status is an error for `style` (contract P1): Go treats status >= 400 as an error, Java and
 * Python every status outside 2xx.
 */
export function isErrorStatus(style: SdkStyle, status: number): boolean {
  return style === 'go' ? status >= 400 : status < 200 || status >= 300;
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

// A body a client already parsed (axios' `data`) can be any object: a proxy or a throwing getter is a malformed body
// (P7), never an exception thrown from error handling.
function readBodySafely(body: unknown, facts: ServiceErrorFacts): BodyReading {
  const truncatedByAdapter = facts.bodyTruncated ?? false;
  try {
    return readErrorBody(body, facts.maxErrorBodyBytes, truncatedByAdapter, facts.style, facts.dialect);
  } catch {
    return { kind: 'malformed', snippet: '', truncated: truncatedByAdapter };
  }
}

/**
 * Turns an HTTP error response into a {@link BceServiceError} following the contract's rules P1-P12, or returns
 * `undefined` when the status is a success for the chosen style. Never throws on response input, whatever the
 * status, headers or body bytes, and whatever the value is: `null`, a primitive, a proxy or an object whose getters
 * throw read as a response with those fields unknown (a status that cannot be read is reported as `0`, a body that
 * cannot be read counts as empty, P5). Throws a `TypeError` only for invalid options.
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

/** The names {@link ParseServiceErrorOptions} has, in the order an unknown-option message lists them. */
const PARSE_OPTIONS: readonly string[] = ['style', 'dialect', 'retries', 'maxErrorBodyBytes'];

/**
 * Validates the public parse options once, with one message per rule. `known` names every option the caller takes
 * (`toBceError` takes one more); any other name is a typo and throws, as the adapters' options do.
 * @throws TypeError naming `where` and what to fix.
 */
export function resolveParseOptions(
  // Unknown, not the options type: a JavaScript caller can pass anything, `null` included.
  options: unknown,
  where: string,
  known: readonly string[] = PARSE_OPTIONS,
): ServiceErrorFacts {
  // `null` stays "no options", as it always was here.
  if (options !== undefined && options !== null) checkOptionNames(options, known, "{ style: 'go' }", where);
  return {
    style: resolveSdkStyle(readOption(options, 'style', where), where),
    dialect: resolveDialect(readOption(options, 'dialect', where), where),
    retries: checkRetries(readOption(options, 'retries', where), where),
    maxErrorBodyBytes: checkMaxErrorBodyBytes(readOption(options, 'maxErrorBodyBytes', where), where),
  };
}

function readStatus(response: unknown): number {
  const rawStatus = readProperty(response, 'status');
  return isWholeNumber(rawStatus, 100) && rawStatus <= 999 ? rawStatus : 0;
}

/**
 * Builds the {@link BceServiceError} of a response whatever its status (the client already rejected it, or the
 * adapter decided it is an error): the one place P2-P12 are applied. Never throws on response input.
 */
export function buildServiceError(
  response: AnyBodyResponse | null | undefined,
  facts: ServiceErrorFacts,
): BceServiceError {
  const { style, dialect, retries } = facts;
  const status = readStatus(response);

  // Each field read on its own, without throwing: a getter that throws (or a proxy) loses only its own field.
  const headers = readProperty(response, 'headers');
  const providedText = readProperty(response, 'statusText');
  const trimmedText = typeof providedText === 'string' ? providedText.trim() : '';
  const reason = trimmedText !== '' ? trimmedText : httpStatusText(status);
  // P3: the style's reading of the header (which of two values, UTF-8 or Latin-1), trimmed (D12).
  const headerRequestId =
    readRequestIdHeader(headers, REQUEST_ID_HEADER, style) ??
    (dialect === 'auto' ? readRequestIdHeader(headers, 'x-request-id', style) : undefined);
  const debugId = readHeader(headers, 'x-bce-debug-id');
  const retryAfterMs = parseRetryAfter(readHeader(headers, 'retry-after'));

  // P7: a body cut short by the connection is read from the bytes that did arrive (none: an empty body, P5).
  const body = readBodySafely(readProperty(response, 'body'), facts);
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
      code = body.fields.code;
      message = body.fields.message;
      requestId = body.fields.requestId;
      break;
    case 'malformed':
      code = MALFORMED_CODE;
      message = MALFORMED_MESSAGE;
      bodySnippet = body.snippet;
      break;
  }

  return new BceServiceError({
    style,
    code,
    errorMessage: message ?? (style === 'go' ? `${String(status)} ${reason}`.trim() : reason),
    requestId: requestId ?? headerRequestId ?? '',
    statusCode: status,
    debugId,
    retries,
    bodyTruncated: body.truncated,
    bodySnippet,
    retryAfterMs,
    method: facts.method,
    request: facts.request,
  });
}
