// The stable JSON shape of the errors and `fromJSON`, which reads it back. The classes' `toJSON` methods write it
// with the helpers beside `BceError` (bce-error.ts): this module builds the classes, so they import nothing from it
// at run time, and no import cycle forms.
import { resolveSdkStyle } from '../options/validate.js';
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
}

function optionalString(source: Record<string, unknown>, key: string): string | undefined {
  const value = source[key];
  return typeof value === 'string' ? value : undefined;
}

function rebuildCause(value: unknown): Error | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const cause = value as Partial<BceErrorCauseJson>;
  const error = new Error(typeof cause.message === 'string' ? cause.message : '');
  if (typeof cause.name === 'string') error.name = cause.name;
  if (typeof cause.code === 'string') (error as Error & { code?: string }).code = cause.code;
  return error;
}

/**
 * Rebuilds an error from its `toJSON()` shape, for example after it crossed a worker thread or a process boundary.
 * @throws TypeError when the value is not a serialised `@bce-errors` error.
 */
export function fromJSON(json: unknown): BceError {
  let source: unknown = json;
  if (typeof json === 'string') {
    try {
      source = JSON.parse(json) as unknown;
    } catch {
      throw new TypeError(`fromJSON: the text is not JSON; expected the toJSON() shape of a bce-errors error.`);
    }
  }
  if (source === null || typeof source !== 'object' || (source as { schema?: unknown }).schema !== ERROR_JSON_SCHEMA) {
    throw new TypeError(`fromJSON: expected the toJSON() shape of a bce-errors error (schema '${ERROR_JSON_SCHEMA}').`);
  }
  const record = source as Record<string, unknown>;
  const style = resolveSdkStyle(record.style, 'fromJSON');
  const retries = typeof record.retries === 'number' ? record.retries : 0;
  const message = optionalString(record, 'message');
  // Checked and redacted again by the constructor: the JSON may come from anywhere.
  const request = record.request as BceErrorRequest | undefined;
  if (record.kind === 'service') {
    if (typeof record.statusCode !== 'number')
      throw new TypeError('fromJSON: a service error needs a numeric statusCode.');
    return new BceServiceError({
      style,
      retries,
      code: optionalString(record, 'code') ?? '',
      errorMessage: optionalString(record, 'errorMessage') ?? '',
      requestId: optionalString(record, 'requestId') ?? '',
      statusCode: record.statusCode,
      debugId: optionalString(record, 'debugId'),
      bodyTruncated: record.bodyTruncated === true,
      bodySnippet: optionalString(record, 'bodySnippet'),
      retryAfterMs: typeof record.retryAfterMs === 'number' ? record.retryAfterMs : undefined,
      method: optionalString(record, 'method'),
      request,
      ...(message === undefined ? {} : { message }),
    });
  }
  if (record.kind === 'client') {
    const transportCode = isTransportCode(record.transportCode) ? record.transportCode : 'Unknown';
    const attemptTexts = Array.isArray(record.attemptTexts)
      ? record.attemptTexts.filter((text): text is string => typeof text === 'string')
      : undefined;
    return new BceClientError({
      style,
      retries,
      transportCode,
      cause: rebuildCause(record.cause),
      sentRequestId: optionalString(record, 'sentRequestId'),
      request,
      ...(attemptTexts === undefined ? {} : { attemptTexts }),
      ...(message === undefined ? {} : { message }),
    });
  }
  throw new TypeError(`fromJSON: unknown kind ${String(record.kind)}; expected 'service' or 'client'.`);
}
