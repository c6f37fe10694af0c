import { BceClientError } from '../errors/bce-client-error.js';
import { isBceError, type BceError } from '../errors/bce-error.js';
import { checkOptionalString, readOption } from '../options/validate.js';
import { readProperty } from '../util/read-property.js';
import { classifyTransportError } from './classify-transport-error.js';
import { buildServiceError, resolveParseOptions, type ParseServiceErrorOptions } from './parse-service-error.js';
import type { HeaderSource } from './read-header.js';

/** Options of {@link toBceError}: those of `parseServiceError`, and the request id the client sent. */
export interface ToBceErrorOptions extends ParseServiceErrorOptions {
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
  const method =
    readProperty(readProperty(error, 'config'), 'method') ?? readProperty(readProperty(error, 'options'), 'method');
  return typeof method === 'string' ? method.toUpperCase() : undefined;
}

// The parse options and one more; spelt out, as a spread at module level would keep this file in every bundle.
const TO_BCE_ERROR_OPTIONS: readonly string[] = ['style', 'dialect', 'retries', 'maxErrorBodyBytes', 'sentRequestId'];

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
  // Validated before the error is looked at, so a bad option fails whatever the error is.
  const facts = resolveParseOptions(options, 'toBceError', TO_BCE_ERROR_OPTIONS);
  const sentRequestId = checkOptionalString(
    readOption(options, 'sentRequestId', 'toBceError'),
    'sentRequestId',
    'toBceError',
  );
  if (isBceError(error)) return error;
  const response = readForeignResponse(error);
  if (response !== undefined) {
    // The client already rejected this response (axios rejects a 304): it is a service error in every style.
    return buildServiceError(response, { ...facts, method: readMethod(error) });
  }
  return new BceClientError({
    style: facts.style,
    transportCode: classifyTransportError(error),
    cause: error,
    retries: facts.retries,
    sentRequestId,
  });
}
