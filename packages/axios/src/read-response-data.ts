import { readWebStreamWithin, type ErrorBody } from '@bce-errors/core/adapter';

interface NodeReadable {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  resume(): unknown;
  destroy(): unknown;
}

/** A Node `Readable` (axios' `responseType: 'stream'` data), as far as the adapter reads and stops it. */
export function isNodeReadable(value: unknown): value is NodeReadable {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { on?: unknown }).on === 'function' &&
    typeof (value as { pipe?: unknown }).pipe === 'function' &&
    typeof (value as { resume?: unknown }).resume === 'function' &&
    typeof (value as { destroy?: unknown }).destroy === 'function'
  );
}

/** Reads at most `maxBytes` of a `responseType: 'stream'` body and destroys the rest. */
function readNodeStream(stream: NodeReadable, maxBytes: number): Promise<ErrorBody> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    let length = 0;
    let settled = false;
    const finish = (truncated: boolean, incomplete: boolean): void => {
      if (settled) return;
      settled = true;
      const bytes = new Uint8Array(Math.min(length, maxBytes));
      let offset = 0;
      for (const chunk of chunks) {
        const part = chunk.subarray(0, bytes.byteLength - offset);
        bytes.set(part, offset);
        offset += part.byteLength;
      }
      resolve({ bytes, truncated, incomplete });
    };
    stream.on('data', (chunk: unknown) => {
      if (!(chunk instanceof Uint8Array)) return;
      chunks.push(chunk);
      length += chunk.byteLength;
      if (length > maxBytes) {
        stream.destroy();
        finish(true, false);
      }
    });
    stream.on('end', () => {
      finish(false, false);
    });
    stream.on('error', () => {
      finish(false, true);
    });
    stream.on('close', () => {
      finish(false, true);
    });
  });
}

/** A web `ReadableStream`: axios' fetch adapter hands one over for `responseType: 'stream'`. */
export function isWebStream(value: unknown): value is ReadableStream<Uint8Array> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { getReader?: unknown }).getReader === 'function'
  );
}

/** Parsed JSON longer than the bound, as its JSON text cut to the bound: axios (no watcher) buffered it whole. */
function boundedObject(data: object, maxBytes: number): ErrorBody {
  let text: string | undefined;
  try {
    text = JSON.stringify(data);
  } catch {
    text = undefined;
  }
  if (text === undefined || text.length <= maxBytes) {
    return { bytes: data as Record<string, unknown>, truncated: false, incomplete: false };
  }
  return { bytes: text.slice(0, maxBytes), truncated: true, incomplete: false };
}

/**
 * Brings whatever axios put in `response.data` (parsed JSON, text, a Buffer, an ArrayBuffer, a stream or a Blob)
 * to a body the parser takes, reading a stream (Node or web) or Blob only up to `maxBytes`. What axios buffered
 * already (its fetch and XHR adapters, where no watcher runs) is cut to `maxBytes` here: it was held whole before.
 * Those adapters also buffer a body that stops arriving out of the adapter's reach (it sees nothing until axios
 * settles): core's stall limit and deadline cannot apply there, only the caller's `timeout` ends such a read.
 */
export async function readResponseData(data: unknown, maxBytes: number): Promise<ErrorBody> {
  if (data === undefined || data === null || data === '') return { bytes: null, truncated: false, incomplete: false };
  if (typeof data === 'string' || data instanceof Uint8Array)
    return { bytes: data, truncated: false, incomplete: false };
  if (data instanceof ArrayBuffer) return { bytes: new Uint8Array(data), truncated: false, incomplete: false };
  if (isNodeReadable(data)) return readNodeStream(data, maxBytes);
  // Under core's stall limit and deadline, as the fetch adapter reads one (P7): no signal, an abort ends the read
  // through readErrorBodyWithin. A locked stream cannot be destroyed from outside: the read itself has to stop.
  if (isWebStream(data)) return readWebStreamWithin(data, maxBytes);
  if (typeof Blob !== 'undefined' && data instanceof Blob) {
    const bytes = new Uint8Array(await data.slice(0, maxBytes + 1).arrayBuffer());
    return bytes.byteLength > maxBytes
      ? { bytes: bytes.subarray(0, maxBytes), truncated: true, incomplete: false }
      : { bytes, truncated: false, incomplete: false };
  }
  if (typeof data === 'object') return boundedObject(data, maxBytes);
  // A number or boolean: axios parsed a JSON scalar, which the parser reports as malformed (P7).
  return {
    bytes: typeof data === 'number' || typeof data === 'boolean' ? String(data) : null,
    truncated: false,
    incomplete: false,
  };
}
