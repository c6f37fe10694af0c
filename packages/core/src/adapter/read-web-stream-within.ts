// The one reader of a WHATWG `ReadableStream` error body (the fetch adapter's `response.body`, axios' fetch-adapter
// `responseType: 'stream'` data), under core's limits: so a stall, the deadline and the bound end every web-stream
// read at the same moment and the same way, whichever adapter reads it.
import { ERROR_BODY_DEADLINE_MILLISECONDS, ERROR_BODY_STALL_MILLISECONDS } from './error-body-limits.js';
import type { ErrorBody } from './attempt-error.js';

/** An error body as {@link readWebStreamWithin} read it. */
export type WebStreamErrorBody = ErrorBody & {
  bytes: Uint8Array;
  /** What the body's stream failed with, when it broke off with an error (a reset, a failed decoding). */
  readError?: unknown;
};

/**
 * How long {@link readWebStreamWithin} may take: between chunks, and in all. The defaults are core's, the limits every
 * adapter applies; a test passes shorter ones.
 */
export interface WebStreamReadLimits {
  /**
   * How long the body may go without a chunk before the read stops and keeps what arrived (a body cut short,
   * P7). undici 6 (Node 20's fetch) leaves the body of a response whose `Content-Encoding` is false, or whose
   * `Content-Length` promises more than was sent, pending for ever (contract P12: no error body read may hang).
   * @default ERROR_BODY_STALL_MILLISECONDS (2000)
   */
  stallMilliseconds?: number | undefined;
  /**
   * How long the whole read may take: a body that trickles a byte just often enough to never stall still ends.
   * @default ERROR_BODY_DEADLINE_MILLISECONDS (10000)
   */
  deadlineMilliseconds?: number | undefined;
}

// A monotonic clock (every runtime this runs in has one): a wall clock set back would postpone the limits.
const now = (): number => performance.now();

/**
 * Reads at most `maxBytes` of a web stream (a response body, counted after the client's decoding) and cancels the
 * rest, so a huge error body costs `maxBytes` of memory, not its length, within the time `limits` allow. The body
 * is `truncated` only when bytes follow the bound (a body of exactly `maxBytes` is whole); a stall, the deadline or
 * any read failure marks it `incomplete` and keeps what arrived (P7), a failure also in `readError`. A failure
 * while `signal` is aborted (the caller's abort, the attempt's timeout) is rethrown instead. A `null` stream (a
 * response without a body) is an empty, whole body.
 */
export async function readWebStreamWithin(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  signal?: AbortSignal,
  limits?: WebStreamReadLimits,
): Promise<WebStreamErrorBody> {
  if (stream === null) return { bytes: new Uint8Array(0), truncated: false, incomplete: false };
  const reader = stream.getReader();
  const stallMilliseconds = limits?.stallMilliseconds ?? ERROR_BODY_STALL_MILLISECONDS;
  const deadlineMilliseconds = limits?.deadlineMilliseconds ?? ERROR_BODY_DEADLINE_MILLISECONDS;
  // One timer for the whole read instead of one per chunk, and no `Promise.race` (setting and clearing a timer
  // costs about a microsecond, a race about one more; a typical error body took three timers and two races): a
  // chunk only notes the time, and the timer, when it fires, arms itself again for whichever limit is nearer until
  // one of them has passed, then settles the pending read (or the next one) as `stopped`.
  const startedAt = now();
  let lastChunkAt = startedAt;
  let stopped = false;
  let stopPending: ((result: 'stopped') => void) | undefined;
  const check = (): void => {
    const at = now();
    const left = Math.min(lastChunkAt + stallMilliseconds - at, startedAt + deadlineMilliseconds - at);
    if (left <= 0) {
      stopped = true;
      stopPending?.('stopped');
      return;
    }
    // A clock that went backwards never waits longer than one stall limit at a time.
    timer = setTimeout(check, Math.min(Math.ceil(left), stallMilliseconds));
  };
  let timer: ReturnType<typeof setTimeout> = setTimeout(check, Math.min(stallMilliseconds, deadlineMilliseconds));
  const read = (): Promise<ReadableStreamReadResult<Uint8Array> | 'stopped'> =>
    stopped
      ? Promise.resolve('stopped')
      : new Promise((resolve, reject) => {
          stopPending = resolve;
          reader.read().then((result) => {
            lastChunkAt = now();
            resolve(result);
          }, reject);
        });
  const chunks: Uint8Array[] = [];
  let length = 0;
  let truncated = false;
  let incomplete = false;
  let readError: unknown;
  try {
    for (;;) {
      const next = await read();
      if (next === 'stopped') {
        incomplete = true;
        break;
      }
      if (next.done) {
        // Finished: releasing the lock of a closed reader would only create (and reject) a new `closed` promise,
        // measurable on the error path, and there is nothing to cancel.
        return { bytes: concat(chunks, length), truncated, incomplete };
      }
      const { value } = next;
      const room = maxBytes - length;
      // A body that fills the bound exactly is only "truncated" if more bytes follow: the loop reads on to know.
      if (value.byteLength > room) {
        if (room > 0) chunks.push(value.subarray(0, room));
        length = maxBytes;
        truncated = true;
        break;
      }
      chunks.push(value);
      length += value.byteLength;
    }
    // Not awaited: a stream that never ends may also never settle its cancel (undici 6 with a failed decoder).
    reader.cancel().catch(() => undefined);
  } catch (error) {
    if (signal?.aborted === true) throw error;
    incomplete = true;
    readError = error;
  } finally {
    clearTimeout(timer);
  }
  return { bytes: concat(chunks, length), truncated, incomplete, readError };
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const result = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    result.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return result;
}
