import type { ErrorBody } from '@bce-errors/core/adapter';
import type { NodeReadable } from './read-response-data.js';

// Node-only: axios hands a Node `Readable` over only in Node (`responseType: 'stream'`, its http adapter), so the
// Node install passes this reader in (`nodeAgentBounding`) and browser bundles do not carry it.

/** Reads at most `maxBytes` of a `responseType: 'stream'` body and destroys the rest. */
export function readNodeStream(stream: NodeReadable, maxBytes: number): Promise<ErrorBody> {
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
