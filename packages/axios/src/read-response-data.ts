import type { ErrorBody } from '@bce-errors/core/adapter';

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

/**
 * Brings whatever axios put in `response.data` (parsed JSON, text, a Buffer, an ArrayBuffer, a stream or a Blob)
 * to a body the parser takes, reading a stream or Blob only up to `maxBytes`.
 */
export async function readResponseData(data: unknown, maxBytes: number): Promise<ErrorBody> {
  if (data === undefined || data === null || data === '') return { bytes: null, truncated: false, incomplete: false };
  if (typeof data === 'string' || data instanceof Uint8Array)
    return { bytes: data, truncated: false, incomplete: false };
  if (data instanceof ArrayBuffer) return { bytes: new Uint8Array(data), truncated: false, incomplete: false };
  if (isNodeReadable(data)) return readNodeStream(data, maxBytes);
  if (typeof Blob !== 'undefined' && data instanceof Blob) {
    const bytes = new Uint8Array(await data.slice(0, maxBytes + 1).arrayBuffer());
    return bytes.byteLength > maxBytes
      ? { bytes: bytes.subarray(0, maxBytes), truncated: true, incomplete: false }
      : { bytes, truncated: false, incomplete: false };
  }
  if (typeof data === 'object') return { bytes: data as Record<string, unknown>, truncated: false, incomplete: false };
  // A number or boolean: axios parsed a JSON scalar, which the parser reports as malformed (P7).
  return {
    bytes: typeof data === 'number' || typeof data === 'boolean' ? String(data) : null,
    truncated: false,
    incomplete: false,
  };
}
