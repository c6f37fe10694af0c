import type { ErrorBody } from '@bce-errors/core/adapter';

/** An error body read as bytes: what {@link readErrorBody} returns. */
type ErrorBytes = ErrorBody & { bytes: Uint8Array };

/**
 * How long an error body may go without a byte before the read stops and keeps what arrived (a body cut short,
 * P7). undici 6 (Node 20's fetch) leaves the body of a response whose `Content-Encoding` is false pending for ever
 * once it is longer than a few chunks; an error body is small and sent at once, so a pause this long means the read
 * would never end (contract P12: no error body read may hang).
 */
const ERROR_BODY_STALL_MS = 2000;

/** The next chunk, or `stalled` once the body has sent nothing for {@link ERROR_BODY_STALL_MS}. */
async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Promise<ReadableStreamReadResult<Uint8Array> | 'stalled'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<'stalled'>((resolve) => {
    timer = setTimeout(() => {
      resolve('stalled');
    }, ERROR_BODY_STALL_MS);
  });
  try {
    return await Promise.race([reader.read(), stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads at most `maxBytes` of a response body and cancels the rest, so a huge error body costs `maxBytes` of
 * memory, not its length. An abort or timeout while reading is rethrown; any other read failure marks the
 * body incomplete.
 */
export async function readErrorBody(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<ErrorBytes> {
  if (body === null) return { bytes: new Uint8Array(0), truncated: false, incomplete: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const next = await readWithin(reader);
      if (next === 'stalled') {
        await reader.cancel().catch(() => undefined);
        return { bytes: concat(chunks, length), truncated: false, incomplete: true };
      }
      const { done, value } = next;
      if (done) break;
      const room = maxBytes - length;
      if (value.byteLength >= room && (value.byteLength > room || !(await isFinished(reader)))) {
        chunks.push(value.subarray(0, room));
        length += room;
        await reader.cancel().catch(() => undefined);
        return { bytes: concat(chunks, length), truncated: true, incomplete: false };
      }
      chunks.push(value);
      length += value.byteLength;
    }
  } catch (error) {
    if (signal?.aborted === true) throw error;
    return { bytes: concat(chunks, length), truncated: false, incomplete: true };
  }
  // Only reached after `done`: the stream is finished, and releasing the lock of a closed reader would only
  // create (and reject) a new `closed` promise, measurable on the error path.
  return { bytes: concat(chunks, length), truncated: false, incomplete: false };
}

// A chunk that fills the limit exactly is only "truncated" if more bytes follow.
async function isFinished(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<boolean> {
  const next = await reader.read();
  if (next.done) return true;
  if (next.value.byteLength === 0) return isFinished(reader);
  return false;
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
