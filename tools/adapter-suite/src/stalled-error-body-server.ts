import http from 'node:http';
import { isBceServiceError } from '@bce-errors/core';
import { expect } from 'vitest';
import { closeServer, listenOnLoopback } from './loopback-server.js';

/** How the body of a 404 arrives: `silent` sends one byte and then nothing; `trickle` a byte every 250 ms, for ever. */
type StalledBodyKind = 'silent' | 'trickle';

/** What the server saw of one request. */
interface StalledBodyTarget {
  url: string;
  /** How often the path was requested. */
  hits: () => number;
  /** Body bytes written before the client closed the connection; `undefined` while it is still open. */
  bytesWhenClosed: () => number | undefined;
}

/** A server on 127.0.0.1 whose error bodies never end: the client must stop reading them (contract P12). */
interface StalledErrorBodyServer {
  /** A fresh path whose 404 body arrives as `kind` says. */
  target(kind: StalledBodyKind): StalledBodyTarget;
  close(): Promise<void>;
}

// Well under the 2 s stall limit: a trickling body is never silent long enough to stall, only the whole-read
// deadline can end it.
const TRICKLE_INTERVAL_MILLISECONDS = 250;

/**
 * Answers every request with a 404, `x-bce-request-id: stalled-request-id`, a `content-length` of 4096 and a body
 * that starts a JSON object and never ends it: `/silent/...` sends `{` and goes silent; `/trickle/...` sends `{`
 * and then one `x` at a time (never a complete object). Neither ends or closes the connection: only the client can.
 */
export async function startStalledErrorBodyServer(): Promise<StalledErrorBodyServer> {
  const hits = new Map<string, number>();
  const closedAt = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const path = request.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    response.writeHead(404, {
      'content-type': 'application/json',
      'content-length': '4096',
      'x-bce-request-id': 'stalled-request-id',
    });
    let sent = 1;
    response.write('{');
    let timer: ReturnType<typeof setInterval> | undefined;
    if (path.startsWith('/trickle/')) {
      timer = setInterval(() => {
        sent += 1;
        response.write('x');
      }, TRICKLE_INTERVAL_MILLISECONDS);
    }
    response.once('close', () => {
      clearInterval(timer);
      closedAt.set(path, sent);
    });
  });
  const baseUrl = await listenOnLoopback(server);
  let paths = 0;
  return {
    target(kind) {
      const path = `/${kind}/${String((paths += 1))}`;
      return { url: `${baseUrl}${path}`, hits: () => hits.get(path) ?? 0, bytesWhenClosed: () => closedAt.get(path) };
    },
    close: () => closeServer(server),
  };
}

/**
 * What every adapter must make of a stalled body: the 404 as a service error read from what arrived (a JSON object
 * cut short is `MalformedJSON`, P7), with the header's request id.
 */
export function expectStalledBodyError(error: unknown): void {
  expect(isBceServiceError(error) && [error.statusCode, error.code, error.requestId]).toEqual([
    404,
    'MalformedJSON',
    'stalled-request-id',
  ]);
}
