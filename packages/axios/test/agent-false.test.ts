// `httpAgent: false` / `httpsAgent: false` is how axios users turn connection reuse off: Node then gives each request
// a fresh agent of its own. The adapter bounds error bodies through the agents (bounded-agents.ts), so it must not
// leave such a request without one: a 100 MiB error body would be buffered whole. The request must also keep what
// `false` means: a new connection each time, closed after the response.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { HUGE_ERROR_BODY_BYTES, writeHugeErrorBody } from '@bce-errors/adapter-suite';
import { isBceServiceError } from '@bce-errors/core';
import { readTestTlsCredentials } from '@bce-errors/mock-server';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBceErrors } from '../src/index.js';

interface CountingServer {
  url: string;
  /** Bytes of error body the server managed to write before the client went away. */
  bodyBytesWritten: () => number;
  connections: () => number;
  connectionHeaders: () => (string | undefined)[];
  close: () => Promise<void>;
}

/** `/huge` writes a 100 MiB error body (writeHugeErrorBody); `/small` a small one. Counts connections. */
async function startCountingServer(kind: 'http' | 'https'): Promise<CountingServer> {
  let written = 0;
  let connections = 0;
  const connectionHeaders: (string | undefined)[] = [];
  const sockets = new Set<Socket>();
  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    connectionHeaders.push(request.headers.connection);
    request.resume();
    if (request.url !== '/huge') {
      response.writeHead(404, { 'content-type': 'application/json', 'x-bce-request-id': 'rid-1' });
      response.end('{"code":"NoSuchKey","message":"no such key","requestId":"rid-1"}');
      return;
    }
    writeHugeErrorBody(response, { status: 404, requestId: 'rid-1' }, (bytes) => {
      written += bytes;
    });
  };
  const server = kind === 'https' ? createHttpsServer(readTestTlsCredentials(), handler) : createHttpServer(handler);
  server.on(kind === 'https' ? 'secureConnection' : 'connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${kind}://127.0.0.1:${String(port)}`,
    bodyBytesWritten: () => written,
    connections: () => connections,
    connectionHeaders: () => connectionHeaders,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}

describe.each(['http', 'https'] as const)('%s: an agent of false (no connection reuse)', (kind) => {
  let server: CountingServer;
  const agentOption = kind === 'https' ? 'httpsAgent' : 'httpAgent';
  let rejectUnauthorized: string | undefined;
  beforeAll(async () => {
    server = await startCountingServer(kind);
    // axios hands no TLS option but the agent's to Node, and with `httpsAgent: false` there is no agent to carry a
    // `ca`: the test server's self-signed certificate is accepted for this file only.
    rejectUnauthorized = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    if (kind === 'https') process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  });
  afterAll(async () => {
    if (rejectUnauthorized === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = rejectUnauthorized;
    await server.close();
  });

  it('a 100 MiB error body is stopped at maxErrorBodyBytes, not buffered whole', async () => {
    const client = axios.create({ [agentOption]: false });
    installBceErrors(client, { style: 'go', retry: false });
    const error = await client.get(`${server.url}/huge`).catch((caught: unknown) => caught);
    expect(isBceServiceError(error) && [error.statusCode, error.bodyTruncated]).toEqual([404, true]);
    // What the socket buffers held when the client stopped reading, far from the whole body.
    expect(server.bodyBytesWritten()).toBeLessThan(HUGE_ERROR_BODY_BYTES / 4);
  });

  it('each request still opens a connection of its own and asks to close it', async () => {
    const client = axios.create({ [agentOption]: false });
    installBceErrors(client, { style: 'go', retry: false });
    const before = server.connections();
    const headersBefore = server.connectionHeaders().length;
    for (let index = 0; index < 3; index += 1) {
      const error = await client.get(`${server.url}/small`).catch((caught: unknown) => caught);
      expect(isBceServiceError(error) && [error.code, error.requestId]).toEqual(['NoSuchKey', 'rid-1']);
    }
    expect(server.connections() - before).toBe(3);
    expect(server.connectionHeaders().slice(headersBefore)).toEqual(['close', 'close', 'close']);
  });
});
