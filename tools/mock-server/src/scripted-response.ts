import { validateHeaderName, validateHeaderValue } from 'node:http';

/**
 * A transport fault the mock server can play instead of (or in the middle of) an ordinary answer.
 *
 * - `'no-response'`: read the request and never answer; the socket is held until `holdMs` passes or
 *   the server closes, then destroyed.
 * - `'reset'`: reset the connection (TCP RST, the client sees `ECONNRESET`) as soon as the request
 *   arrives, without answering.
 * - `'reset-after-headers'`: send the status line, the headers (with the full `Content-Length`) and
 *   part of the body, then reset the connection.
 */
export type ScriptedFault = 'no-response' | 'reset' | 'reset-after-headers';

/** Every {@link ScriptedFault}, in a stable order. */
export const SCRIPTED_FAULTS: readonly ScriptedFault[] = ['no-response', 'reset', 'reset-after-headers'];

/** How long a `'no-response'` fault holds the socket when `holdMs` is not given (30 s). */
export const DEFAULT_HOLD_MS = 30_000;

/**
 * One scripted answer of the mock server.
 *
 * The headers are written exactly as given (names keep their case; an array repeats the header).
 * Unless the headers already name `content-length`, a `Content-Length` equal to the number of body
 * bytes on the wire (after gzip) is added; a `HEAD` request gets no automatic `Content-Length`.
 */
export interface ScriptedResponse {
  /** HTTP status code (100 to 999). Ignored by the faults `'no-response'` and `'reset'`. */
  status: number;
  /** Custom reason phrase; defaults to Node's standard phrase for `status`. */
  statusText?: string;
  /** Response headers, sent as given. */
  headers?: Record<string, string | string[]>;
  /** The exact body bytes (a string is sent as UTF-8). Defaults to an empty body. */
  body?: string | Uint8Array;
  /** Gzip the body and set `content-encoding: gzip` (unless the headers already set it). */
  gzip?: boolean;
  /**
   * Announce the full `Content-Length`, send only this many body bytes (counted after gzip), then
   * destroy the socket so the client sees a body cut short. With `'reset-after-headers'` it is the
   * number of body bytes sent before the reset.
   */
  cutAfterBytes?: number;
  /** Wait this long (ms) after the request arrives before sending the headers. */
  delayMs?: number;
  /** Slow body: send the body in chunks of this many bytes. */
  dripBytesPerChunk?: number;
  /** Slow body: pause this long (ms) between two chunks; defaults to 0 when only the chunk size is set. */
  dripIntervalMs?: number;
  /** A transport fault to play; see {@link ScriptedFault}. */
  fault?: ScriptedFault;
  /** For `'no-response'`: how long (ms) the socket is held before it is destroyed; defaults to {@link DEFAULT_HOLD_MS}. */
  holdMs?: number;
}

function checkNonNegative(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`ScriptedResponse.${name} must be a finite number >= 0, got ${String(value)}`);
  }
}

/**
 * Checks a scripted response when it is routed, so a mistake fails the test that made it instead of
 * surfacing later as a confusing socket error.
 *
 * @throws RangeError for a status outside 100 to 999 (unless the fault never answers), a reason phrase
 *   with a control character, a negative or non-finite timing or byte count, a drip chunk size below 1,
 *   or an unknown fault; Node's `TypeError` for an invalid header name or value.
 */
export function validateScriptedResponse(response: ScriptedResponse): void {
  const { fault } = response;
  if (fault !== undefined && !SCRIPTED_FAULTS.includes(fault)) {
    const allowed = SCRIPTED_FAULTS.join(', ');
    throw new RangeError(`ScriptedResponse.fault must be one of ${allowed}, got ${JSON.stringify(fault)}`);
  }
  const answers = fault !== 'no-response' && fault !== 'reset';
  if (answers && !(Number.isInteger(response.status) && response.status >= 100 && response.status <= 999)) {
    throw new RangeError(`ScriptedResponse.status must be an integer from 100 to 999, got ${String(response.status)}`);
  }
  if (response.statusText !== undefined && /[^\t\x20-\x7e\x80-\xff]/u.test(response.statusText)) {
    const text = JSON.stringify(response.statusText);
    throw new RangeError(`ScriptedResponse.statusText has a character not allowed in a reason phrase: ${text}`);
  }
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    validateHeaderName(name);
    for (const item of typeof value === 'string' ? [value] : value) validateHeaderValue(name, item);
  }
  checkNonNegative('cutAfterBytes', response.cutAfterBytes);
  checkNonNegative('delayMs', response.delayMs);
  checkNonNegative('dripIntervalMs', response.dripIntervalMs);
  checkNonNegative('holdMs', response.holdMs);
  const chunk = response.dripBytesPerChunk;
  if (chunk !== undefined && !(Number.isInteger(chunk) && chunk >= 1)) {
    throw new RangeError(`ScriptedResponse.dripBytesPerChunk must be an integer >= 1, got ${String(chunk)}`);
  }
}
