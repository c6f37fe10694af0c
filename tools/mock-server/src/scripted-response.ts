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

/** One header line of a {@link RawAnswer}: the name (case kept) and the value, both written as Latin-1 bytes. */
export type RawHeaderLine = readonly [name: string, value: string];

/**
 * A raw answer: the exact bytes of the response head and body, written straight to the socket instead of
 * through Node's `ServerResponse`, so the answer can hold what Node cannot send: the same header twice in
 * different case, any reason phrase (an empty one included), a body that already carries its chunked framing,
 * a close-delimited body.
 *
 * On the wire, in this order:
 *
 * 1. `HTTP/1.1 {status} {reason}\r\n`: `reason` exactly as given; an empty reason gives `HTTP/1.1 404 \r\n`
 *    (with the space). Without `reason`, Node's standard phrase for the status (`''` for one it does not know).
 * 2. Every {@link RawAnswer.headerLines | header line} as `name: value\r\n`, in the given order and case
 *    (duplicates are sent as they are). The strings are written as Latin-1, one byte per character, so a
 *    UTF-8 value is given as its Latin-1 reading (`Buffer.from(utf8Bytes).toString('latin1')`).
 * 3. `Content-Length: {body bytes}\r\n`, unless {@link RawAnswer.omitContentLength} is set or a header line
 *    already names `Content-Length`.
 * 4. `Connection: close\r\n`, unless a header line already names `Connection`. Every raw answer ends its
 *    connection, so a client retries on a new one.
 * 5. `\r\n`, then the body bytes as given (a chunked body must carry its own framing); none for `HEAD`,
 *    which still gets the `Content-Length` of the body it would have had.
 * 6. The end of the connection: after {@link RawAnswer.closeDelayMs} (default 0), the socket is ended (FIN),
 *    or destroyed when {@link RawAnswer.closeAfterBytes} cut the body short.
 *
 * The request (head and body) is read completely before anything is written, so closing the socket never
 * turns into a TCP reset over unread request bytes. Nothing is added to the body (no gzip, no framing) and no
 * `Date` header is sent.
 */
export interface RawAnswer {
  /** The reason phrase, exactly (may be `''` or hold several spaces); defaults to the standard phrase. */
  reason?: string;
  /** The header lines, in order, names in their case; the same name may repeat. Defaults to none. */
  headerLines?: readonly RawHeaderLine[];
  /** The exact body bytes (a string is sent as UTF-8). Defaults to an empty body. */
  body?: string | Uint8Array;
  /**
   * Send no `Content-Length`: the body is then delimited by the end of the connection, or by the chunked
   * framing it carries itself when a header line says `Transfer-Encoding: chunked`.
   */
  omitContentLength?: boolean;
  /**
   * Send only this many body bytes (at most the whole body), then destroy the socket: with a
   * `Content-Length`, the client sees a body cut short.
   */
  closeAfterBytes?: number;
  /** Wait this long (ms) after the last body byte before the socket is ended or destroyed. */
  closeDelayMs?: number;
}

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
  /**
   * Write this answer byte for byte instead (see {@link RawAnswer}), with `status` in its status line. Only
   * `status` and `delayMs` combine with it; every other field is rejected by `validateScriptedResponse`.
   */
  raw?: RawAnswer;
}

/** The fields of a {@link ScriptedResponse} that a raw answer replaces (it has its own reason, headers, body and end). */
const NOT_WITH_RAW = [
  'statusText',
  'headers',
  'body',
  'gzip',
  'cutAfterBytes',
  'dripBytesPerChunk',
  'dripIntervalMs',
  'fault',
  'holdMs',
] as const satisfies readonly (keyof ScriptedResponse)[];

/** A reason phrase may hold tabs, spaces, visible ASCII and Latin-1 bytes, nothing else (no CR or LF). */
const INVALID_REASON = /[^\t\x20-\x7e\x80-\xff]/u;

function checkNonNegative(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`ScriptedResponse.${name} must be a finite number >= 0, got ${String(value)}`);
  }
}

function validateRawAnswer(response: ScriptedResponse, raw: RawAnswer): void {
  const mixed = NOT_WITH_RAW.filter((field) => response[field] !== undefined);
  if (mixed.length > 0) {
    throw new RangeError(
      `ScriptedResponse.raw cannot be combined with ${mixed.join(', ')} (the raw answer has its own)`,
    );
  }
  if (raw.reason !== undefined && INVALID_REASON.test(raw.reason)) {
    const text = JSON.stringify(raw.reason);
    throw new RangeError(`ScriptedResponse.raw.reason has a character not allowed in a reason phrase: ${text}`);
  }
  for (const line of raw.headerLines ?? []) {
    // Checked at run time too: scripts are often built from untyped JSON.
    const entry: unknown = line;
    if (!Array.isArray(entry) || entry.length !== 2) {
      throw new RangeError(`ScriptedResponse.raw.headerLines holds ${JSON.stringify(entry)}, not a [name, value] pair`);
    }
    const [name, value] = line;
    validateHeaderName(name);
    validateHeaderValue(name, value);
  }
  const { body } = raw;
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new RangeError('ScriptedResponse.raw.body must be a string or a Uint8Array');
  }
  const cut = raw.closeAfterBytes;
  if (cut !== undefined && !(Number.isInteger(cut) && cut >= 0)) {
    throw new RangeError(`ScriptedResponse.raw.closeAfterBytes must be an integer >= 0, got ${String(cut)}`);
  }
  checkNonNegative('raw.closeDelayMs', raw.closeDelayMs);
}

/**
 * Checks a scripted response when it is routed, so a mistake fails the test that made it instead of
 * surfacing later as a confusing socket error.
 *
 * @throws RangeError for a status outside 100 to 999 (unless the fault never answers), a reason phrase
 *   with a control character, a negative or non-finite timing or byte count, a drip chunk size below 1,
 *   or an unknown fault; for a raw answer combined with a field it replaces, a header line that is not a pair,
 *   or a `closeAfterBytes` that is not a whole number; Node's `TypeError` for an invalid header name or value.
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
  if (response.statusText !== undefined && INVALID_REASON.test(response.statusText)) {
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
  if (response.raw !== undefined) validateRawAnswer(response, response.raw);
}
