import { createServer, type Socket } from 'node:net';

/** A TCP server on 127.0.0.1 that answers every request with bytes the test writes itself. */
export interface RawLoopbackServer {
  /** `http://127.0.0.1:{port}`. */
  url: string;
  /** How many requests arrived (one per received request head). */
  requests(): number;
  /** Closes the server and every connection it still holds. */
  close(): Promise<void>;
}

/**
 * Starts a server that calls `answer` once per request head received (so keep-alive connections and retries are
 * counted). The protocol is the test's: status lines, 1xx responses, resets and stalls are written as they are.
 */
export async function startRawLoopbackServer(answer: (socket: Socket) => void): Promise<RawLoopbackServer> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      // A request body (if any) arrives after the head; only complete heads count as requests.
      while (head.includes('\r\n\r\n')) {
        head = head.slice(head.indexOf('\r\n\r\n') + 4);
        requests += 1;
        answer(socket);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `http://127.0.0.1:${String(address.port)}`,
    requests: () => requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}
