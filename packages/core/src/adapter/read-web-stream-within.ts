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
  // One timer for the whole read instead of one per chunk, and no `Promise.race` or promise of its own around each
  // read (setting and clearing a timer costs about a microsecond, a race about one more; a typical error body took
  // three timers and two races): a chunk only notes the time, and the timer, when it fires, arms itself again for
  // whichever limit is nearer until one of them has passed, then cancels the reader. A cancel ends a pending read
  // (and every later one) as done at once, whether or not the stream's source ever settles its own cancel.
  const deadlineAt = now() + deadlineMilliseconds;
  let lastChunkAt = now();
  let stopped = false;
  const cancel = (): void => {
    // Not awaited: a stream that never ends may also never settle its cancel (undici 6 with a failed decoder).
    reader.cancel().catch(() => undefined);
  };
  // The clock is monotonic, so the nearer limit is never more than one stall limit away.
  const check = (): void => {
    const left = Math.min(lastChunkAt + stallMilliseconds, deadlineAt) - now();
    if (left > 0) {
      timer = setTimeout(check, left);
    } else {
      stopped = true;
      cancel();
    }
  };
  let timer: ReturnType<typeof setTimeout> = setTimeout(check, Math.min(stallMilliseconds, deadlineMilliseconds));
  const chunks: Uint8Array[] = [];
  let length = 0;
  let truncated = false;
  let incomplete = false;
  let readError: unknown;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        // The body ended, or the timer cancelled the read (a stall or the deadline: the body is cut short, P7).
        incomplete = stopped;
        break;
      }
      lastChunkAt = now();
      const { value } = next;
      const room = maxBytes - length;
      // A body that fills the bound exactly is only "truncated" if more bytes follow: the loop reads on to know.
      if (value.byteLength > room) {
        chunks.push(value.subarray(0, room));
        length = maxBytes;
        truncated = true;
        cancel();
        break;
      }
      chunks.push(value);
      length += value.byteLength;
    }
  } catch (error) {
    if (signal?.aborted === true) throw error;
    incomplete = true;
    readError = error;
  } finally {
    // Finished or cancelled: releasing the lock would only create (and reject) a new `closed` promise, measurable
    // on the error path.
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
