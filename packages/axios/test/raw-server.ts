import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback server whose handler writes the raw answer itself, and counts the requests it saw. */
export interface RawServer {
  url: string;
  /** Requests received so far. */
  requests(): number;
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 that answers every request with `handler`. */
export async function startRawServer(
  handler: (request: http.IncomingMessage, response: http.ServerResponse) => void,
): Promise<RawServer> {
  let count = 0;
  const server = http.createServer((request, response) => {
    count += 1;
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    requests: () => count,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
