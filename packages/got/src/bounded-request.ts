import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';

/** The first bytes of an error response as they came off the wire, before got decodes or buffers them. */
export interface CapturedBody {
  bytes: Uint8Array;
  /** More bytes followed; the response was destroyed so they were never read. */
  truncated: boolean;
}

const captured = new WeakMap<IncomingMessage, CapturedBody>();

function observe(response: IncomingMessage, maxBytes: number): void {
  if ((response.statusCode ?? 0) < 300) return;
  // Node's parser ends a body at its declared length, so a body declared within the bound needs no watching.
  const declaredLength = Number(response.headers['content-length']);
  if (Number.isInteger(declaredLength) && declaredLength <= maxBytes) return;
  const chunks: Buffer[] = [];
  let length = 0;
  response.on('data', (chunk: Buffer) => {
    if (length > maxBytes) return;
    chunks.push(chunk);
    length += chunk.byteLength;
    if (length > maxBytes) {
      captured.set(response, { bytes: Buffer.concat(chunks).subarray(0, maxBytes), truncated: true });
      // got would buffer the whole body; stop reading here so a huge error body never reaches memory.
      response.destroy();
    }
  });
}

/**
 * A got `request` function that watches error responses: past `maxBytes` of body it keeps what it read and
 * destroys the response, so got never buffers more than about `maxBytes` of an error body.
 */
export function createBoundedRequest(maxBytes: number) {
  return function boundedRequest(
    url: URL,
    options: RequestOptions,
    callback?: (response: IncomingMessage) => void,
  ): ClientRequest {
    const request = url.protocol === 'https:' ? https.request(url, options, callback) : http.request(url, options, callback);
    request.once('response', (response: IncomingMessage) => {
      observe(response, maxBytes);
    });
    return request;
  };
}

/** What {@link createBoundedRequest} kept of a response it cut, decoded from gzip, deflate or br. */
export function readCapturedBody(response: unknown): CapturedBody | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const body = captured.get(response as IncomingMessage);
  if (body === undefined) return undefined;
  const encoding = (response as IncomingMessage).headers['content-encoding']?.toLowerCase();
  if (encoding === undefined || encoding === 'identity') return body;
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  try {
    // The start of a compressed stream decodes with a sync flush; what decodes is all we have.
    if (encoding === 'gzip' || encoding === 'x-gzip') return { ...body, bytes: zlib.gunzipSync(body.bytes, flush) };
    if (encoding === 'deflate') return { ...body, bytes: zlib.inflateSync(body.bytes, flush) };
    if (encoding === 'br') {
      return { ...body, bytes: zlib.brotliDecompressSync(body.bytes, { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }) };
    }
  } catch {
    return { bytes: new Uint8Array(0), truncated: true };
  }
  return body;
}
