import http from 'node:http';
import { closeServer, listenOnLoopback } from './loopback-server.js';

/** A server on 127.0.0.1 that answers every request with one huge error body, and counts what it got to send. */
interface EndlessErrorBodyServer {
  url: string;
  /** Body bytes handed to the socket before the client closed it or the body ended, per request, in order. */
  bytesSent(): Promise<number[]>;
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 0x78);

/**
 * Answers `status` with a JSON error body of `totalBytes` (declared in `content-length`), written in 64 KiB chunks
 * only as fast as the client reads them. A client that stops reading and closes the connection stops the count
 * at what the kernel's socket buffers took, a few MiB at most on loopback; a client that buffers the whole body
 * reads all of it.
 */
export async function startEndlessErrorBodyServer(totalBytes: number, status = 400): Promise<EndlessErrorBodyServer> {
  const counts: Promise<number>[] = [];
  const server = http.createServer((_request, response) => {
    const head = Buffer.from('{"code":"InvalidParameter","requestId":"endless-1","message":"');
    const tail = Buffer.from('"}');
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(totalBytes) });
    let sent = 0;
    counts.push(
      new Promise((resolve) => {
        response.once('close', () => {
          resolve(sent);
        });
      }),
    );
    const write = (bytes: Uint8Array): boolean => {
      sent += bytes.byteLength;
      return response.write(bytes);
    };
    write(head);
    const pump = (): void => {
      while (!response.destroyed) {
        const room = totalBytes - tail.byteLength - sent;
        if (room <= 0) {
          sent += tail.byteLength;
          response.end(tail);
          return;
        }
        if (!write(CHUNK.subarray(0, Math.min(CHUNK.byteLength, room)))) {
          response.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
  const url = await listenOnLoopback(server);
  return {
    url,
    bytesSent: () => Promise.all(counts),
    close: () => closeServer(server),
  };
}
