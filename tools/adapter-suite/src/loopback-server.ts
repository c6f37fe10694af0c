import http from 'node:http';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';

/** Starts `server` on a free port of 127.0.0.1 (never another interface) and gives its base URL. */
export async function listenOnLoopback(server: net.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}

/**
 * Closes `server` once every connection is gone. An HTTP server's open connections (a body still being sent, a
 * kept-alive socket) are closed first: a test server that only stopped listening would keep the test run alive.
 */
export function closeServer(server: net.Server): Promise<void> {
  if (server instanceof http.Server) server.closeAllConnections();
  return new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
}
