import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The page's origins: one Chromium counts as secure, one it does not. */
export interface PageServer {
  /** `http://127.0.0.1:{port}`: every 127.0.0.0/8 address is a secure context in Chromium. */
  secureOrigin: string;
  /** `http://bce-page.test:{port}`, served on 127.0.0.2: a host name over http is not a secure context. */
  insecureOrigin: string;
  close(): Promise<void>;
}

/** The host name the browser maps to 127.0.0.2 (`--host-resolver-rules`); nothing else resolves it. */
export const INSECURE_PAGE_HOST = 'bce-page.test';
/** The loopback address that serves the non-secure page. */
export const INSECURE_PAGE_ADDRESS = '127.0.0.2';

const PAGE =
  '<!doctype html><meta charset="utf-8"><title>bce-errors browser suite</title><script src="/bundle.js"></script>';

async function listen(server: Server, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  return (server.address() as AddressInfo).port;
}

/** Serves the page and its bundle on 127.0.0.1 and on 127.0.0.2 (two listeners, one handler). */
export async function startPageServer(bundle: string): Promise<PageServer> {
  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    request.resume();
    if (request.url === '/bundle.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      response.end(bundle);
      return;
    }
    if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(PAGE);
      return;
    }
    response.writeHead(404);
    response.end();
  };
  const servers = [createServer(handler), createServer(handler)] as const;
  const securePort = await listen(servers[0], '127.0.0.1');
  const insecurePort = await listen(servers[1], INSECURE_PAGE_ADDRESS);
  return {
    secureOrigin: `http://127.0.0.1:${securePort}`,
    insecureOrigin: `http://${INSECURE_PAGE_HOST}:${insecurePort}`,
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => {
                resolve();
              });
            }),
        ),
      );
    },
  };
}
