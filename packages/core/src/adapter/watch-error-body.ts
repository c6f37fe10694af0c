// Node clients (got, axios) buffer a whole response body before any hook sees it. A watcher attached to the Node
// response as it arrives keeps the first `maxBytes` of an error body, decoded, and destroys the response past them,
// so the client never holds more. Core imports no Node module: the adapters pass `node:zlib` in.

/** The first bytes of an error body a watcher kept when it cut the response. */
export interface WatchedErrorBody {
  /** The start of the body, decoded (gzip, deflate, br), at most `maxBytes`. */
  bytes: Uint8Array;
  /** Always true: a watcher only keeps a body that went past `maxBytes`. */
  truncated: true;
}

/** A Node `http.IncomingMessage`, as far as the watcher uses it. */
export interface WatchableResponse {
  statusCode?: number | undefined;
  headers: Record<string, string | string[] | undefined>;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  destroy(error?: Error): unknown;
}

interface DecodingStream {
  write(chunk: Uint8Array): unknown;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  destroy(): unknown;
}

/** The parts of `node:zlib` a watcher decodes with. */
export interface ErrorBodyDecoders {
  createGunzip(): DecodingStream;
  createInflate(): DecodingStream;
  createBrotliDecompress(): DecodingStream;
}

const watchedBodies = new WeakMap<object, WatchedErrorBody>();

function decoderFor(encoding: string, decoders: ErrorBodyDecoders): DecodingStream | undefined {
  if (encoding === 'gzip' || encoding === 'x-gzip') return decoders.createGunzip();
  if (encoding === 'deflate') return decoders.createInflate();
  if (encoding === 'br') return decoders.createBrotliDecompress();
  return undefined;
}

/**
 * Watches an error response (status >= 300) as it arrives: once more than `maxBytes` of its body (decoded, so a
 * small compressed body that inflates to megabytes counts as megabytes) have arrived, keeps the first `maxBytes`
 * for {@link readWatchedErrorBody} and destroys the response, so the client stops reading it.
 */
export function watchErrorBody(response: WatchableResponse, maxBytes: number, decoders: ErrorBodyDecoders): void {
  if ((response.statusCode ?? 0) < 300) return;
  const encodingHeader = response.headers['content-encoding'];
  const encoding = typeof encodingHeader === 'string' ? encodingHeader.trim().toLowerCase() : 'identity';
  // Node's parser ends a body at its declared length, so an uncompressed body declared within the bound is safe.
  const declaredLength = Number(response.headers['content-length']);
  if (encoding === 'identity' && Number.isInteger(declaredLength) && declaredLength <= maxBytes) return;
  // An encoding the watcher cannot decode is bounded on its raw bytes (the parser then reads them as malformed).
  const decoder = encoding === 'identity' ? undefined : decoderFor(encoding, decoders);
  const chunks: Uint8Array[] = [];
  let length = 0;
  let finished = false;
  const keep = (chunk: Uint8Array): void => {
    if (finished) return;
    chunks.push(chunk);
    length += chunk.byteLength;
    if (length <= maxBytes) return;
    finished = true;
    const bytes = new Uint8Array(maxBytes);
    let offset = 0;
    for (const part of chunks) {
      const used = part.subarray(0, maxBytes - offset);
      bytes.set(used, offset);
      offset += used.byteLength;
    }
    watchedBodies.set(response, { bytes, truncated: true });
    chunks.length = 0;
    decoder?.destroy();
    response.destroy();
  };
  if (decoder === undefined) {
    response.on('data', keep);
    return;
  }
  decoder.on('data', keep);
  // A body the decoder cannot read is left to the client, which reports it as it would without the watcher.
  decoder.on('error', () => {
    finished = true;
    chunks.length = 0;
  });
  response.on('data', (chunk) => {
    if (!finished) decoder.write(chunk);
  });
  // A body that ended within the bound is the client's to read; the decoder's copy is not needed.
  response.on('close', () => {
    finished = true;
    chunks.length = 0;
    decoder.destroy();
  });
}

/** What {@link watchErrorBody} kept of a response it cut; `undefined` when it did not cut it. */
export function readWatchedErrorBody(response: unknown): WatchedErrorBody | undefined {
  return typeof response === 'object' && response !== null ? watchedBodies.get(response) : undefined;
}
