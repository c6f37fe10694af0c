import { readWebStreamWithin, type ErrorBody } from '@bce-errors/core/adapter';

/** A Node `Readable`, as far as the adapter reads and stops it. */
export interface NodeReadable {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  resume(): unknown;
  destroy(): unknown;
}

/** Reads at most `maxBytes` of a Node `Readable` and destroys the rest (`read-node-stream.ts`, the Node build). */
export type NodeStreamReader = (stream: NodeReadable, maxBytes: number) => Promise<ErrorBody>;

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
 * A Node `Readable` is read by `readNodeStream`, which only the Node build passes in (see `AgentBounding`).
 */
export async function readResponseData(
  data: unknown,
  maxBytes: number,
  readNodeStream: NodeStreamReader | undefined,
): Promise<ErrorBody> {
  if (data === undefined || data === null || data === '') return { bytes: null, truncated: false, incomplete: false };
  if (typeof data === 'string' || data instanceof Uint8Array)
    return { bytes: data, truncated: false, incomplete: false };
  if (data instanceof ArrayBuffer) return { bytes: new Uint8Array(data), truncated: false, incomplete: false };
  // Only the Node build passes a reader in: a browser's axios never hands a Node `Readable` over.
  if (readNodeStream !== undefined && isNodeReadable(data)) return readNodeStream(data, maxBytes);
  // Under core's stall limit and deadline, as the fetch adapter reads one (P7): no signal, an abort ends the read
  // through readErrorBodyWithin. A locked stream cannot be destroyed from outside: the read itself has to stop.
  if (isWebStream(data)) return readWebStreamWithin(data, maxBytes);
  // A Blob (`responseType: 'blob'`) through the same reader: one byte past the bound says whether it is truncated.
  if (typeof Blob !== 'undefined' && data instanceof Blob)
    return readWebStreamWithin(data.slice(0, maxBytes + 1).stream(), maxBytes);
  if (typeof data === 'object') return boundedObject(data, maxBytes);
  // A number or boolean: axios parsed a JSON scalar, which the parser reports as malformed (P7).
  return {
    bytes: typeof data === 'number' || typeof data === 'boolean' ? String(data) : null,
    truncated: false,
    incomplete: false,
  };
}
