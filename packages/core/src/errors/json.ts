// The stable JSON shape of the errors and `fromJSON`, which reads it back. The classes' `toJSON` methods write it
// with the helpers beside `BceError` (bce-error.ts): this module builds the classes, so they import nothing from it
// at run time, and no import cycle forms.
import { describeValue, isWholeNumber, resolveSdkStyle } from '../options/validate.js';
import { isTransportCode, type TransportCode } from '../parse/transport-code.js';
import type { SdkStyle } from '../sdk-style.js';
import { BceClientError } from './bce-client-error.js';
import { ERROR_JSON_SCHEMA, type BceError, type BceErrorRequest } from './bce-error.js';
import { BceServiceError } from './bce-service-error.js';

/** The cause of a client error as it is serialised: the parts that help diagnosis, redacted. */
export interface BceErrorCauseJson {
  name: string;
  message: string;
  code?: string;
}

/**
 * The stable JSON shape of every error (`JSON.stringify(error)`), readable back with `fromJSON`. All strings are
 * already redacted.
 */
export interface BceErrorJson {
  schema: typeof ERROR_JSON_SCHEMA;
  kind: 'service' | 'client';
  name: string;
  message: string;
  style: SdkStyle;
  retries: number;
  /** The request the error belongs to, when known: method and redacted URL (both kinds). */
  request?: { method: string; url: string };
  /** Service errors only. */
  code?: string;
  errorMessage?: string;
  requestId?: string;
  statusCode?: number;
  errorType?: 'Client' | 'Service';
  debugId?: string;
  bodyTruncated?: boolean;
  bodySnippet?: string;
  retryAfterMs?: number;
  method?: string;
  /** Client errors only. */
  transportCode?: TransportCode;
  sentRequestId?: string;
  attemptTexts?: string[];
  cause?: BceErrorCauseJson;
  /** Client errors only: the error of the attempt a user's retry callback failed on (`failedAttempt`). */
  failedAttempt?: BceErrorJson;
}

/** The `TypeError` of every rejected value, starting `fromJSON: `. */
function invalid(problem: string): TypeError {
  return new TypeError(`fromJSON: ${problem}`);
}

/** A field that must be a string when present. */
function optionalString(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  if (value === undefined || typeof value === 'string') return value;
  throw invalid(`'${key}' must be a string (got ${describeValue(value)}).`);
}

/** A field that must be a whole number >= 0 when present. */
function optionalWholeNumber(record: Record<string, unknown>, key: string): number | undefined {
  const value = record[key];
  if (value === undefined || isWholeNumber(value, 0)) return value;
  throw invalid(`'${key}' must be a whole number >= 0 (got ${describeValue(value)}).`);
}

function optionalRequest(record: Record<string, unknown>): BceErrorRequest | undefined {
  const request = record.request;
  if (request === undefined) return undefined;
  if (typeof request === 'object' && request !== null && !Array.isArray(request)) {
    const { method, url } = request as Record<string, unknown>;
    if (typeof method === 'string' && typeof url === 'string') return { method, url };
  }
  throw invalid(`'request' must be { method: string, url: string } (got ${describeValue(request)}).`);
}

function optionalCause(record: Record<string, unknown>): Error | undefined {
  const value = record.cause;
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`'cause' must be { name, message, code? } (got ${describeValue(value)}).`);
  }
  const cause = value as Record<string, unknown>;
  const name = optionalString(cause, 'name') ?? 'Error';
  const error = new Error(optionalString(cause, 'message') ?? '');
  error.name = name;
  const code = optionalString(cause, 'code');
  if (code !== undefined) (error as Error & { code?: string }).code = code;
  return error;
}

function optionalTexts(record: Record<string, unknown>): string[] | undefined {
  const texts = record.attemptTexts;
  if (texts === undefined) return undefined;
  if (Array.isArray(texts) && texts.every((text) => typeof text === 'string')) return texts;
  throw invalid(`'attemptTexts' must be an array of strings (got ${describeValue(texts)}).`);
}

/**
 * The JSON data of a value: the text parsed, or an object as `JSON.stringify` writes it (its `toJSON`, getters and
 * all, run once here). What `fromJSON` reads is then plain JSON data, so what it accepts round-trips exactly, and a
 * getter or proxy that throws, a cycle or a `BigInt` is a `TypeError` of its own instead of an exception passed on.
 */
function jsonData(json: unknown): unknown {
  let text: unknown = json;
  if (typeof json !== 'string') {
    try {
      // `undefined` for `undefined`, a function or a symbol: no JSON at all.
      text = JSON.stringify(json);
    } catch {
      throw invalid('the value cannot be read as JSON (a getter or proxy threw, a cycle, a BigInt).');
    }
  }
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid('the text is not JSON; expected the toJSON() shape of a bce-errors error.');
  }
}

/**
 * Rebuilds an error from its `toJSON()` shape, for example after it crossed a worker thread or a process boundary.
 * An object is read as `JSON.stringify` would write it, so `fromJSON(error)` and `fromJSON(JSON.stringify(error))`
 * are the same. For every value it accepts, `fromJSON(x).toJSON()` gives `x`'s fields back exactly, with two
 * documented exceptions: `name` and `errorType` are not read (the class and the status decide them), and a
 * `transportCode` this version does not know (one a newer version added) reads as `'Unknown'`.
 * @throws TypeError (`fromJSON: ...`, saying which field is wrong) when the value is not a serialised
 * `@bce-errors` error: another schema or kind, a field of the wrong type (`statusCode` `NaN`, `retries` `-1`), or a
 * value that cannot be read as JSON.
 */
export function fromJSON(json: unknown): BceError {
  return rebuild(jsonData(json), true);
}

function rebuild(source: unknown, outermost: boolean): BceError {
  if (
    source === null ||
    typeof source !== 'object' ||
    Array.isArray(source) ||
    (source as { schema?: unknown }).schema !== ERROR_JSON_SCHEMA
  ) {
    throw invalid(`expected the toJSON() shape of a bce-errors error (schema '${ERROR_JSON_SCHEMA}').`);
  }
  const record = source as Record<string, unknown>;
  const style = resolveSdkStyle(record.style, 'fromJSON');
  const retries = optionalWholeNumber(record, 'retries') ?? 0;
  const message = optionalString(record, 'message');
  // Redacted again by the constructor: the JSON may come from anywhere.
  const request = optionalRequest(record);
  if (record.kind === 'service') {
    const statusCode = record.statusCode;
    if (!isWholeNumber(statusCode, 0)) {
      throw invalid(`a service error needs a whole number statusCode >= 0 (got ${describeValue(statusCode)}).`);
    }
    const bodyTruncated = record.bodyTruncated;
    if (bodyTruncated !== undefined && typeof bodyTruncated !== 'boolean') {
      throw invalid(`'bodyTruncated' must be true or false (got ${describeValue(bodyTruncated)}).`);
    }
    const retryAfterMs = record.retryAfterMs;
    if (retryAfterMs !== undefined && !(typeof retryAfterMs === 'number' && retryAfterMs >= 0)) {
      throw invalid(`'retryAfterMs' must be a number of milliseconds >= 0 (got ${describeValue(retryAfterMs)}).`);
    }
    return new BceServiceError({
      style,
      retries,
      code: optionalString(record, 'code') ?? '',
      errorMessage: optionalString(record, 'errorMessage') ?? '',
      requestId: optionalString(record, 'requestId') ?? '',
      statusCode,
      debugId: optionalString(record, 'debugId'),
      bodyTruncated: bodyTruncated === true,
      bodySnippet: optionalString(record, 'bodySnippet'),
      retryAfterMs,
      method: optionalString(record, 'method'),
      request,
      ...(message === undefined ? {} : { message }),
    });
  }
  if (record.kind === 'client') {
    const code = optionalString(record, 'transportCode');
    const transportCode: TransportCode = isTransportCode(code) ? code : 'Unknown';
    const attemptTexts = optionalTexts(record);
    const failedAttemptJson = record.failedAttempt;
    // One level: a callback failure wraps an attempt's error, which never wraps another.
    if (failedAttemptJson !== undefined && !outermost) throw invalid("'failedAttempt' is nested too deep.");
    return new BceClientError({
      style,
      retries,
      transportCode,
      cause: optionalCause(record),
      sentRequestId: optionalString(record, 'sentRequestId'),
      request,
      failedAttempt: failedAttemptJson === undefined ? undefined : rebuild(failedAttemptJson, false),
      ...(attemptTexts === undefined ? {} : { attemptTexts }),
      ...(message === undefined ? {} : { message }),
    });
  }
  throw invalid(`unknown kind ${describeValue(record.kind)}; expected 'service' or 'client'.`);
}
