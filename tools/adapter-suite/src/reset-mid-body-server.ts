import net from 'node:net';
import { closeServer, listenOnLoopback } from './loopback-server.js';

/** 40 bytes of the 200-byte JSON object the server announces, after which it resets the connection. */
const CUT_BODY = '{"code":"NoSuchKey","message":"The speci';

/** A raw server on 127.0.0.1 whose every answer a TCP reset cuts mid-body, and which counts the hits per path. */
interface ResetMidBodyServer {
  /** A fresh path: `/ok/...` answers 200, `/not-found/...` 404; `hits()` says how often it was requested. */
  target(kind: 'not-found' | 'ok'): { url: string; hits: () => number };
  close(): Promise<void>;
}

/**
 * Answers with the status line, `x-bce-request-id: reset-request-id`, `content-length: 200` and {@link CUT_BODY},
 * then resets the connection (issue 12: a reset after the headers is the response's outcome). A raw `node:net`
 * server, as `node:http` cannot send a body shorter than it announced and then reset.
 */
export async function startResetMidBodyServer(): Promise<ResetMidBodyServer> {
  const hits = new Map<string, number>();
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (data: Buffer) => {
      const path = /^[A-Z]+ (\S+)/.exec(data.toString('latin1'))?.[1] ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const status = path.startsWith('/ok/') ? '200 OK' : '404 Not Found';
      socket.write(
        `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\nx-bce-request-id: reset-request-id\r\n` +
          `content-length: 200\r\n\r\n${CUT_BODY}`,
      );
      // Long enough for the client to have read the headers and the bytes: a reset that overtakes them would make
      // the kernel drop them unread.
      setTimeout(() => socket.resetAndDestroy(), 50);
    });
  });
  const baseUrl = await listenOnLoopback(server);
  let paths = 0;
  return {
    target(kind) {
      const path = `/${kind}/${String((paths += 1))}`;
      return { url: `${baseUrl}${path}`, hits: () => hits.get(path) ?? 0 };
    },
    close: () => closeServer(server),
  };
}
