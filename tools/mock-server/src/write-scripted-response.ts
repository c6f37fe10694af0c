import { STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { CancellableWaits } from './cancellable-wait.js';
import { DEFAULT_HOLD_MS, type RawAnswer, type ScriptedResponse } from './scripted-response.js';

/** How long `'reset-after-headers'` waits after its last byte before the reset, so the client reads the headers first. */
export const RESET_AFTER_HEADERS_PAUSE_MS = 50;

/** Statuses that never carry a body (and never get an automatic `Content-Length`). */
function statusHasNoBody(status: number): boolean {
  return (status >= 100 && status < 200) || status === 204 || status === 304;
}

function hasHeader(headers: OutgoingHttpHeaders, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function bodyBytes(body: string | Uint8Array | undefined): Uint8Array {
  if (body === undefined) return new Uint8Array(0);
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

/** Sends a TCP RST (the peer sees `ECONNRESET`); a TLS socket, which cannot reset, is just destroyed. */
function resetSocket(socket: Socket): void {
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}

/**
 * Resolves once everything written to the socket so far has reached the kernel (or the socket closed),
 * so a following destroy or reset cannot discard it. An empty write completes after every earlier write.
 */
function socketFlushed(socket: Socket): Promise<void> {
  return new Promise<void>((resolve) => {
    if (socket.destroyed) {
      resolve();
      return;
    }
    const done = (): void => {
      socket.off('close', done);
      resolve();
    };
    socket.once('close', done);
    socket.write(new Uint8Array(0), done);
  });
}

/** Resolves once the request body has been read to its end (or at once if it was), or when `signal` aborts. */
function requestRead(req: IncomingMessage, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (req.complete || req.readableEnded || signal.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      req.off('end', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    req.once('end', done);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * The head of a raw answer, byte for byte: status line, header lines, the automatic `Content-Length` and
 * `Connection: close`, and the empty line (see {@link RawAnswer}).
 */
export function rawAnswerHead(status: number, raw: RawAnswer, bodyByteLength: number): Buffer {
  const reason = raw.reason ?? STATUS_CODES[status] ?? '';
  const lines = [`HTTP/1.1 ${String(status)} ${reason}`];
  const names = new Set<string>();
  for (const [name, value] of raw.headerLines ?? []) {
    lines.push(`${name}: ${value}`);
    names.add(name.toLowerCase());
  }
  if (raw.omitContentLength !== true && !names.has('content-length')) {
    lines.push(`Content-Length: ${String(bodyByteLength)}`);
  }
  if (!names.has('connection')) lines.push('Connection: close');
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/**
 * Writes a raw answer straight to the socket, bypassing Node's `ServerResponse` (which is never written to,
 * so it adds nothing), then ends or destroys the socket.
 */
async function writeRawAnswer(
  req: IncomingMessage,
  status: number,
  raw: RawAnswer,
  waits: CancellableWaits,
  signal: AbortSignal,
): Promise<void> {
  const socket = req.socket;
  await requestRead(req, signal);
  if (signal.aborted) return;
  const body = bodyBytes(raw.body);
  const sent = req.method === 'HEAD' ? 0 : Math.min(body.byteLength, raw.closeAfterBytes ?? body.byteLength);
  const cut = raw.closeAfterBytes !== undefined && raw.closeAfterBytes < body.byteLength;
  socket.write(Buffer.concat([rawAnswerHead(status, raw, body.byteLength), body.subarray(0, sent)]));
  await socketFlushed(socket);
  if (socket.destroyed) return;
  if (raw.closeDelayMs !== undefined && raw.closeDelayMs > 0) {
    if (!(await waits.wait(raw.closeDelayMs, signal))) {
      socket.destroy();
      return;
    }
  }
  if (cut) socket.destroy();
  else socket.end();
}

/**
 * Plays one {@link ScriptedResponse} on a request: the delay, the fault, the status line and headers as
 * scripted, the body (gzipped, dripped, cut short) and the final end, destroy or reset of the socket; or the
 * bytes of a raw answer, written to the socket directly.
 * Resolves when the answer is complete or abandoned (server closing, client gone).
 *
 * @param req - The request being answered; its body must already be flowing (it is only counted).
 * @param res - Its response.
 * @param response - The scripted answer, already checked by `validateScriptedResponse`.
 * @param waits - The server's cancellable timers, so `close()` interrupts every pause.
 * @param signal - Aborts when the client's socket closes.
 */
export async function writeScriptedResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: ScriptedResponse,
  waits: CancellableWaits,
  signal: AbortSignal,
): Promise<void> {
  const socket = req.socket;
  if (response.fault === 'reset') {
    resetSocket(socket);
    return;
  }
  if (response.fault === 'no-response') {
    await waits.wait(response.holdMs ?? DEFAULT_HOLD_MS, signal);
    socket.destroy();
    return;
  }
  if (response.delayMs !== undefined && response.delayMs > 0) {
    if (!(await waits.wait(response.delayMs, signal)) || socket.destroyed) return;
  }
  if (response.raw !== undefined) {
    await writeRawAnswer(req, response.status, response.raw, waits, signal);
    return;
  }

  const sendsBody = req.method !== 'HEAD' && !statusHasNoBody(response.status);
  const encoded = response.gzip === true ? gzipSync(bodyBytes(response.body)) : bodyBytes(response.body);
  const headers: OutgoingHttpHeaders = { ...response.headers };
  if (response.gzip === true && !hasHeader(headers, 'content-encoding')) headers['content-encoding'] = 'gzip';
  const framed = hasHeader(headers, 'content-length') || hasHeader(headers, 'transfer-encoding');
  if (sendsBody && !framed) headers['content-length'] = String(encoded.byteLength);
  if (response.statusText === undefined) res.writeHead(response.status, headers);
  else res.writeHead(response.status, response.statusText, headers);

  const body = sendsBody ? encoded : new Uint8Array(0);
  const resetAfterHeaders = response.fault === 'reset-after-headers';
  const limit = Math.min(
    body.byteLength,
    response.cutAfterBytes ?? (resetAfterHeaders ? Math.floor(body.byteLength / 2) : body.byteLength),
  );
  const cut = resetAfterHeaders || limit < body.byteLength;
  const dripping = response.dripBytesPerChunk !== undefined;

  if (!cut && !dripping) {
    res.end(body);
    return;
  }
  res.flushHeaders();
  const chunkSize = response.dripBytesPerChunk ?? Math.max(limit, 1);
  for (let offset = 0; offset < limit; offset += chunkSize) {
    if (offset > 0 && dripping) {
      if (!(await waits.wait(response.dripIntervalMs ?? 0, signal))) return;
    }
    if (socket.destroyed) return;
    res.write(body.subarray(offset, Math.min(offset + chunkSize, limit)));
    await socketFlushed(socket);
  }
  await socketFlushed(socket);
  if (socket.destroyed) return;
  if (!cut) {
    res.end();
  } else if (resetAfterHeaders) {
    if (await waits.wait(RESET_AFTER_HEADERS_PAUSE_MS, signal)) resetSocket(socket);
  } else {
    socket.destroy();
  }
}
