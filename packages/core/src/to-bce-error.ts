import { BceClientError } from './bce-client-error.js';
import { isBceError, type BceError } from './bce-error.js';
import { classifyTransportError } from './classify-transport-error.js';
import { describeValue } from './describe-value.js';
import { resolveDialect, type ErrorDialect } from './error-dialect.js';
import { isWholeNumber } from './is-whole-number.js';
import { optionError } from './option-error.js';
import { DEFAULT_MAX_ERROR_BODY_BYTES, parseServiceErrorWith } from './parse-service-error.js';
import type { HeaderSource } from './read-header.js';
import { readProperty } from './read-property.js';
import { resolveSdkStyle, type SdkStyle } from './sdk-style.js';

/** Options of {@link toBceError}. */
export interface ToBceErrorOptions {
  /** The SDK style of the resulting error. @default 'go' */
  style?: SdkStyle;
  /** Which body shapes to read from an error response. @default 'bce' */
  dialect?: ErrorDialect;
  /** How many retries were made. @default 0 */
  retries?: number;
  /** At most this many body bytes are read. @default 65536 */
  maxErrorBodyBytes?: number;
  /** The `x-bce-request-id` the client sent, kept on a client error. */
  sentRequestId?: string | undefined;
}

interface ForeignResponse {
  status: number;
  statusText: string | undefined;
  headers: HeaderSource | undefined;
  body: unknown;
}


/** The response of an axios (`status`, `data`) or got (`statusCode`, `rawBody`) error, if it has one. */
function readForeignResponse(error: unknown): ForeignResponse | undefined {
  const response = readProperty(error, 'response');
  if (response === null || typeof response !== 'object') return undefined;
  const axiosStatus = readProperty(response, 'status');
  const gotStatus = readProperty(response, 'statusCode');
  const status = typeof axiosStatus === 'number' ? axiosStatus : gotStatus;
  if (typeof status !== 'number') return undefined;
  const statusText = readProperty(response, 'statusText') ?? readProperty(response, 'statusMessage');
  const rawBody = readProperty(response, 'rawBody');
  return {
    status,
    statusText: typeof statusText === 'string' ? statusText : undefined,
    headers: readProperty(response, 'headers') as HeaderSource | undefined,
    // `ArrayBuffer.isView` first: it reads an internal slot, where `instanceof` would run a proxy's getPrototypeOf trap.
    body:
      ArrayBuffer.isView(rawBody) && rawBody instanceof Uint8Array
        ? rawBody
        : (readProperty(response, 'data') ?? readProperty(response, 'body')),
  };
}

function readMethod(error: unknown): string | undefined {
  const method = readProperty(readProperty(error, 'config'), 'method') ?? readProperty(readProperty(error, 'options'), 'method');
  return typeof method === 'string' ? method.toUpperCase() : undefined;
}

/**
 * Classifies any thrown value into the hierarchy: a raw axios or got error with an HTTP error response becomes a
 * {@link BceServiceError}, every other failure (undici `fetch failed`, a Node system error, an abort) a
 * {@link BceClientError} with the shared transport code. A `BceError` is returned as it is. Never throws on
 * the error it is given; throws a `TypeError` only for invalid options.
 *
 * @example
 * try { await axios.get(url); } catch (error) { throw toBceError(error, { style: 'java' }); }
 */
export function toBceError(error: unknown, options?: ToBceErrorOptions): BceError {
  if (isBceError(error)) return error;
  const style = resolveSdkStyle(options?.style, 'toBceError');
  // Validated here too, so a bad option fails whether or not this particular error had a response.
  const retries: unknown = options?.retries ?? 0;
  if (!isWholeNumber(retries, 0)) {
    throw optionError('toBceError', `retries must be a whole number >= 0 (got ${describeValue(retries)}).`);
  }
  resolveDialect(options?.dialect, 'toBceError');
  const maxErrorBodyBytes: unknown = options?.maxErrorBodyBytes ?? DEFAULT_MAX_ERROR_BODY_BYTES;
  if (!isWholeNumber(maxErrorBodyBytes, 1)) {
    throw optionError(
      'toBceError',
      `maxErrorBodyBytes must be a positive whole number of bytes (got ${describeValue(maxErrorBodyBytes)}).`,
    );
  }
  const response = readForeignResponse(error);
  if (response !== undefined) {
    const body = response.body;
    const serviceError = parseServiceErrorWith(
      {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        // Any shape (axios' parsed `data` too); the parser reads it without throwing.
        body: body as never,
      },
      {
        style,
        dialect: options?.dialect,
        retries: options?.retries,
        maxErrorBodyBytes: options?.maxErrorBodyBytes,
        method: readMethod(error),
        // The client already rejected this response (axios rejects a 304): it is a service error in every style.
        force: true,
      },
    );
    if (serviceError !== undefined) return serviceError;
  }
  return new BceClientError({
    style,
    transportCode: classifyTransportError(error),
    cause: error,
    retries,
    sentRequestId: options?.sentRequestId,
  });
}
