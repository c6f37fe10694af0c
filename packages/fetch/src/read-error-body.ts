import {
  ERROR_BODY_DEADLINE_MILLISECONDS,
  ERROR_BODY_STALL_MILLISECONDS,
  type ErrorBody,
} from '@bce-errors/core/adapter';

/** An error body as {@link readErrorBody} read it. */
type ErrorBytes = ErrorBody & {
  bytes: Uint8Array;
  /** What the body's stream failed with, when it broke off with an error (a reset, a failed decoding). */
  readError?: unknown;
};

/**
 * How long {@link readErrorBody} may take: each chunk, and the whole body. The defaults are core's, the limits every
 * adapter applies; a test passes shorter ones.
 */
interface ErrorBodyReadLimits {
  /**
   * How long the body may go without a chunk before the read stops and keeps what arrived (a body cut short,
   * P7). undici 6 (Node 20's fetch) leaves the body of a response whose `Content-Encoding` is false, or whose
   * `Content-Length` promises more than was sent, pending for ever (contract P12: no error body read may hang).
   * @default ERROR_BODY_STALL_MILLISECONDS (2000)
   */
  stallMs: number;
  /**
   * How long the whole read may take: a body that trickles a byte just often enough to never stall still ends.
   * @default ERROR_BODY_DEADLINE_MILLISECONDS (10000)
   */
  deadlineMs: number;
}

const DEFAULT_LIMITS: ErrorBodyReadLimits = Object.freeze({
  stallMs: ERROR_BODY_STALL_MILLISECONDS,
  deadlineMs: ERROR_BODY_DEADLINE_MILLISECONDS,
});

type TimedRead = ReadableStreamReadResult<Uint8Array> | 'stopped';

// A monotonic clock (every runtime this runs in has one): a wall clock set back would postpone the limits.
const now = (): number => performance.now();

/** Both limits of one read, watched by one timer. */
interface ReadGuard {
  /** The next chunk, or `stopped` once the body sent nothing for `stallMs` or the whole read's deadline passed. */
  read: () => Promise<TimedRead>;
  /** The read is over: clears the timer. */
  clear: () => void;
}

/**
 * One timer for the whole read instead of one per chunk, and no `Promise.race` (setting and clearing a timer costs
 * about a microsecond, a race about one more; a typical error body took three timers and two races): a chunk only
 * notes the time, and the timer, when it fires, arms itself again for whichever limit is nearer until one of them
 * has passed, then settles the pending read as `stopped`.
 */
function readGuard(reader: ReadableStreamDefaultReader<Uint8Array>, limits: ErrorBodyReadLimits): ReadGuard {
  const { stallMs, deadlineMs } = limits;
  const startedAt = now();
  let lastChunkAt = startedAt;
  let stopped = false;
  let stopPending: ((result: 'stopped') => void) | undefined;
  const check = (): void => {
    const at = now();
    const left = Math.min(lastChunkAt + stallMs - at, startedAt + deadlineMs - at);
    if (left <= 0) {
      stopped = true;
      stopPending?.('stopped');
      return;
    }
    // A clock that went backwards never waits longer than one stall limit at a time.
    timer = setTimeout(check, Math.min(Math.ceil(left), stallMs));
  };
  let timer: ReturnType<typeof setTimeout> = setTimeout(check, Math.min(stallMs, deadlineMs));
  return {
    read: () => {
      if (stopped) return Promise.resolve('stopped');
      return new Promise<TimedRead>((resolve, reject) => {
        stopPending = resolve;
        reader.read().then((result) => {
          lastChunkAt = now();
          resolve(result);
        }, reject);
      });
    },
    clear: () => {
      clearTimeout(timer);
    },
  };
}

/**
 * Reads at most `maxBytes` of a response body (counted after the client's decoding) and cancels the rest, so a
 * huge error body costs `maxBytes` of memory, not its length, within the time `limits` allow. An abort or timeout
 * while reading is rethrown; any other read failure, a stall or the deadline marks the body incomplete and keeps
 * what arrived.
 */
export async function readErrorBody(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  signal: AbortSignal | undefined,
  limits: ErrorBodyReadLimits = DEFAULT_LIMITS,
): Promise<ErrorBytes> {
  if (body === null) return { bytes: new Uint8Array(0), truncated: false, incomplete: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  const guard = readGuard(reader, limits);
  const { read } = guard;
  // Not awaited: a stream that never ends may also never settle its cancel (undici 6 with a failed decoder).
  const cancel = (): void => {
    reader.cancel().catch(() => undefined);
  };
  try {
    for (;;) {
      const next = await read();
      if (next === 'stopped') {
        cancel();
        return { bytes: concat(chunks, length), truncated: false, incomplete: true };
      }
      const { done, value } = next;
      if (done) break;
      const room = maxBytes - length;
      if (value.byteLength >= room) {
        // A chunk that fills the limit exactly is only "truncated" if more bytes follow.
        chunks.push(value.subarray(0, room));
        length += room;
        const finished = value.byteLength > room ? false : await isFinished(read);
        if (finished === true) break;
        cancel();
        return { bytes: concat(chunks, length), truncated: finished === false, incomplete: finished === 'stopped' };
      }
      chunks.push(value);
      length += value.byteLength;
    }
  } catch (error) {
    if (signal?.aborted === true) throw error;
    return { bytes: concat(chunks, length), truncated: false, incomplete: true, readError: error };
  } finally {
    guard.clear();
  }
  // Only reached after `done`: the stream is finished, and releasing the lock of a closed reader would only
  // create (and reject) a new `closed` promise, measurable on the error path.
  return { bytes: concat(chunks, length), truncated: false, incomplete: false };
}

/** Whether the body ends here: `true`, `false` (more bytes follow) or `stopped` (it stalled or ran out of time). */
async function isFinished(read: () => Promise<TimedRead>): Promise<boolean | 'stopped'> {
  for (;;) {
    const next = await read();
    if (next === 'stopped') return 'stopped';
    if (next.done) return true;
    if (next.value.byteLength > 0) return false;
  }
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
