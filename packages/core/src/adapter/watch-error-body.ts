// Node clients (got, axios) buffer a whole response body before any hook sees it, decode it as they like (axios
// parses JSON, replaces broken UTF-8) and drop it when the connection breaks. A watcher attached to the Node response
// as it arrives keeps the first `maxBytes` of an error body itself, decoded, and destroys the response past them, so
// the client never holds more and the adapter reads the bytes the server sent, even those of a body cut short.
// Destroying the response is not enough for a compressed body: a few hundred bytes of brotli arrive (and the
// response ends) before they inflate to gigabytes in the client's own decoder. The watcher therefore also destroys
// every stream the response is piped into (the client's decoder, and what that is piped into), which is how axios
// (`stream.pipeline`) and got (`decompress-response`) feed their decoders.
// A body that stops arriving would hold the client for ever (it waits as long as the socket is open): the watcher
// also ends the read after the limits of error-body-limits.ts, the same ones the fetch adapter applies.
// Core imports no Node module: the adapters pass `node:zlib` in.

import { ERROR_BODY_DEADLINE_MILLISECONDS, ERROR_BODY_STALL_MILLISECONDS } from './error-body-limits.js';

/** What a watcher kept of an error body. */
export interface WatchedErrorBody {
  /** The start of the body, decoded (gzip, deflate, br, or a list of them), at most `maxBytes`. */
  bytes: Uint8Array;
  /** The body went past `maxBytes`: the watcher destroyed the response after keeping `bytes`. */
  truncated: boolean;
  /** The connection closed before the body ended (a body cut short, P7). */
  incomplete: boolean;
}

/** A Node `http.IncomingMessage`, as far as the watcher uses it. */
export interface WatchableResponse {
  statusCode?: number | undefined;
  /** Node's `IncomingMessage.complete`: the whole body has arrived (it may not have been read yet). */
  complete?: boolean;
  headers: Record<string, string | string[] | undefined>;
  /** The headers as received: axios deletes `content-encoding` from `headers` once it decompresses. */
  rawHeaders?: readonly string[];
  on(event: 'data', listener: (chunk: unknown) => void): unknown;
  on(event: 'end' | 'close' | 'aborted' | 'error', listener: () => void): unknown;
  destroy(error?: Error): unknown;
  /** A Node `Readable`'s `pipe`: what the response is piped into is destroyed with it past the bound. */
  pipe?: unknown;
}

/** A stream the response was piped into, as far as the watcher uses it. */
interface PipedStream {
  pipe?: unknown;
  destroy?: unknown;
}

/**
 * Records into `streams` every stream `source` is piped into from now on, and every stream those are piped into,
 * while `tracking()` holds. An own `pipe` on the instance, handing on to the stream's own: a client's
 * `stream.pipeline` and `a.pipe(b).pipe(c)` both call it.
 */
function followPipes(source: PipedStream, streams: PipedStream[], tracking: () => boolean): void {
  const pipe = source.pipe;
  if (typeof pipe !== 'function') return;
  source.pipe = function pipeFollowed(this: unknown, destination: unknown, ...rest: unknown[]): unknown {
    if (tracking() && typeof destination === 'object' && destination !== null) {
      streams.push(destination);
      followPipes(destination, streams, tracking);
    }
    return (pipe as (...args: unknown[]) => unknown).call(this, destination, ...rest);
  };
}

/** The error the client's decoder (and what reads from it) is destroyed with once an error body passes the bound. */
function boundError(maxBytes: number): Error {
  return Object.assign(new Error(`error body longer than maxErrorBodyBytes (${String(maxBytes)}): stopped reading`), {
    code: 'ERR_BCE_ERROR_BODY_TOO_LONG',
  });
}

const ignore = (): void => undefined;

/**
 * Destroys a stream the response was piped into, with an error: the client reading its end of the chain hears why
 * and rejects (axios listens for 'error', not 'close'). The watcher listens too, so a stream nothing else listens on
 * (the middle of `a.pipe(b).pipe(c)`) does not crash the process with an unheard 'error'.
 */
function stopPiped(stream: PipedStream, maxBytes: number): void {
  const on = (stream as { on?: unknown }).on;
  if (typeof stream.destroy !== 'function' || typeof on !== 'function') return;
  (on as (event: string, listener: () => void) => unknown).call(stream, 'error', ignore);
  (stream.destroy as (error: Error) => unknown).call(stream, boundError(maxBytes));
}

/** The streams a Node `Readable` is piped into already (its internal state, where the running Node keeps it). */
function currentPipes(response: object): PipedStream[] {
  const pipes = (response as { _readableState?: { pipes?: unknown } })._readableState?.pipes;
  // A copy: Node edits its own list as pipes end, and the watcher must still reach a decoder that is inflating.
  return Array.isArray(pipes) ? [...(pipes as PipedStream[])] : [];
}

interface DecodingStream {
  write(chunk: Uint8Array): unknown;
  pipe(destination: unknown): unknown;
  end(): unknown;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end' | 'error', listener: () => void): unknown;
  destroy(): unknown;
}

/** The parts of `node:zlib` a watcher decodes with. */
export interface ErrorBodyDecoders {
  createGunzip(): DecodingStream;
  createInflate(): DecodingStream;
  createBrotliDecompress(): DecodingStream;
}

interface Watch {
  result: WatchedErrorBody | undefined;
  settled: Promise<WatchedErrorBody | undefined>;
}

const watches = new WeakMap<object, Watch>();

function decoderFor(encoding: string, decoders: ErrorBodyDecoders): DecodingStream | undefined {
  if (encoding === 'gzip' || encoding === 'x-gzip') return decoders.createGunzip();
  if (encoding === 'deflate') return decoders.createInflate();
  if (encoding === 'br') return decoders.createBrotliDecompress();
  return undefined;
}

const encoder = new TextEncoder();

/** A `data` chunk as bytes: a client that called `setEncoding` (got's streams do) hands the listeners strings. */
function asBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof Uint8Array) return data;
  return typeof data === 'string' ? encoder.encode(data) : undefined;
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    const used = chunk.subarray(0, length - offset);
    bytes.set(used, offset);
    offset += used.byteLength;
    if (offset === length) break;
  }
  return bytes;
}

function contentEncoding(response: WatchableResponse): string {
  const raw = response.rawHeaders;
  if (raw !== undefined) {
    for (let index = 0; index + 1 < raw.length; index += 2) {
      if (raw[index]?.toLowerCase() === 'content-encoding') return (raw[index + 1] ?? '').trim().toLowerCase();
    }
    return 'identity';
  }
  const header = response.headers['content-encoding'];
  return typeof header === 'string' ? header.trim().toLowerCase() : 'identity';
}

// A monotonic clock: a wall clock set back would postpone the limits.
const now = (): number => performance.now();

/**
 * Watches an error response (`isError`, by default status >= 300; adapters pass their style's rule) as it arrives and
 * keeps its body (decoded, so a small compressed body that inflates to megabytes counts as megabytes) for
 * {@link readWatchedErrorBody}: up to `maxBytes`, after which it destroys the response and every stream it is piped
 * into (the client's own decoder), so the client stops reading and inflating; a body cut short keeps the bytes that did arrive; a body that
 * cannot be decoded keeps the bytes decoded before the failure (usually none, contract P9). A body that stops
 * arriving is ended after {@link ERROR_BODY_STALL_MILLISECONDS} of silence, and any body after
 * {@link ERROR_BODY_DEADLINE_MILLISECONDS} in all (the response is destroyed, what arrived is kept as cut short).
 */
export function watchErrorBody(
  response: WatchableResponse,
  maxBytes: number,
  decoders: ErrorBodyDecoders,
  isError: (status: number) => boolean = (status) => status >= 300,
): void {
  // A success of the style (a go-style 3xx too) is the caller's, whatever its size: never watched, never cut.
  if (!isError(response.statusCode ?? 0)) return;
  // The header lists the encodings in the order the server applied them (`gzip, br` is br around gzip): the last is
  // decoded first, each decoder piped into the next (with its backpressure), and the bound counts what the last one
  // gives. As undici (Node's fetch) decodes, so the clients agree: a list with an encoding it does not decode
  // (`identity` too) is kept as its raw bytes (the parser then reads them as malformed), and so is a list of more
  // than 5, which would otherwise cost a decoder per name of a header a server made long.
  const chain: DecodingStream[] = [];
  for (const encoding of contentEncoding(response).split(',').reverse()) {
    const next = decoderFor(encoding.trim(), decoders);
    if (next === undefined || chain.length === 5) {
      // The decoders made so far were never written to: destroyed at once (each holds a native zlib handle).
      for (const stream of chain) stream.destroy();
      chain.length = 0;
      break;
    }
    chain.at(-1)?.pipe(next);
    chain.push(next);
  }
  const [decoder] = chain;
  const lastDecoder = chain.at(-1);
  const destroyDecoders = (): void => {
    for (const stream of chain) stream.destroy();
  };
  const chunks: Uint8Array[] = [];
  let length = 0;
  let responseEnded = false;
  const downstream: PipedStream[] = currentPipes(response);
  let decoderEnded = false;
  const endDecoder = (): void => {
    if (decoderEnded) return;
    decoderEnded = true;
    decoder?.end();
  };
  let finish: (result: WatchedErrorBody | undefined) => void = () => undefined;
  const watch: Watch = {
    result: undefined,
    settled: new Promise((resolve) => {
      finish = (result) => {
        if (watch.result !== undefined) return;
        watch.result = result;
        chunks.length = 0;
        downstream.length = 0;
        resolve(result);
      };
    }),
  };
  watches.set(response, watch);
  const tracking = (): boolean => watch.result === undefined;
  for (const piped of downstream.slice()) followPipes(piped, downstream, tracking);
  followPipes(response, downstream, tracking);
  const kept = (truncated: boolean, incomplete: boolean): WatchedErrorBody => ({
    bytes: concat(chunks, Math.min(length, maxBytes)),
    truncated,
    incomplete,
  });
  const keep = (data: unknown): void => {
    if (watch.result !== undefined) return;
    const chunk = asBytes(data);
    if (chunk === undefined) return;
    chunks.push(chunk);
    length += chunk.byteLength;
    if (length <= maxBytes) return;
    const piped = downstream.splice(0);
    finish(kept(true, false));
    destroyDecoders();
    // An ended response has nothing left to stop (its socket may serve the next request); its decoders do.
    if (!responseEnded) response.destroy();
    for (const stream of piped) stopPiped(stream, maxBytes);
  };
  response.on('end', () => {
    responseEnded = true;
    if (decoder === undefined) finish(kept(false, false));
    else endDecoder();
  });
  // Closed before its end: what arrived is what there is. A decoder gets the chance to flush it first. Node signals
  // a cut body with 'aborted' and 'error' before 'close', and clients reject on those: the bytes must be kept by then.
  const cut = (): void => {
    if (responseEnded) return;
    if (decoder === undefined) finish(kept(false, true));
    else endDecoder();
  };
  response.on('aborted', cut);
  response.on('error', cut);
  response.on('close', cut);
  let lastChunkAt = 0;
  // A typical error body arrives with its headers, and Node's parser has read all of it by the time the code that
  // emitted 'response' returns: then nothing can stall, and no timer is set (and cleared) for it. Otherwise one
  // timer for the whole read, not one per chunk: a chunk only notes the time, and the timer, when it fires, arms
  // itself again for whichever limit is nearer, or destroys the response once one has passed (the client fails the
  // attempt, and what arrived is kept as cut short, P7).
  queueMicrotask(() => {
    if (watch.result !== undefined || responseEnded || response.complete === true) return;
    const startedAt = (lastChunkAt = now());
    let timer: ReturnType<typeof setTimeout>;
    const check = (): void => {
      if (watch.result !== undefined || responseEnded) return;
      const left =
        Math.min(lastChunkAt + ERROR_BODY_STALL_MILLISECONDS, startedAt + ERROR_BODY_DEADLINE_MILLISECONDS) - now();
      if (left <= 0) {
        // The limits are core's constants, the same for every adapter: the message does not repeat them.
        response.destroy(new Error('the error body stopped arriving'));
        return;
      }
      timer = setTimeout(check, Math.ceil(left));
      // Not what keeps the process alive: the socket is, and the timer ends with it.
      (timer as { unref?: () => unknown }).unref?.();
    };
    check();
    response.on('close', () => {
      clearTimeout(timer);
    });
  });
  if (decoder === undefined) {
    response.on('data', (data: unknown) => {
      lastChunkAt = now();
      keep(data);
    });
    return;
  }
  lastDecoder?.on('data', keep);
  lastDecoder?.on('end', () => {
    finish(kept(false, !responseEnded));
  });
  for (const stream of chain) {
    stream.on('error', () => {
      // P9: read from the bytes decoded before the failure; a decoder that fails because the body was cut short (P7).
      finish(kept(false, !responseEnded));
      destroyDecoders();
    });
  }
  response.on('data', (data: unknown) => {
    lastChunkAt = now();
    const chunk = asBytes(data);
    if (watch.result === undefined && chunk !== undefined) decoder.write(chunk);
  });
}

/** What {@link watchErrorBody} has kept of a response so far; `undefined` when it did not watch it or is not done. */
export function readWatchedErrorBody(response: unknown): WatchedErrorBody | undefined {
  return typeof response === 'object' && response !== null ? watches.get(response)?.result : undefined;
}

/**
 * What {@link watchErrorBody} kept of a response once it is done (a compressed body finishes decoding after the
 * response closed); `undefined` at once when it did not watch the response.
 */
export function watchedErrorBody(response: unknown): Promise<WatchedErrorBody | undefined> {
  const watch = typeof response === 'object' && response !== null ? watches.get(response) : undefined;
  return watch === undefined ? Promise.resolve(undefined) : watch.settled;
}
