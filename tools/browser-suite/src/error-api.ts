import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { CORS_POLICIES, corsHeaders, type CorsPolicy } from './cors-policy.js';

/** What the API saw for one scenario key: attempts, preflights and the request ids the client sent. */
export interface ScenarioCount {
  requests: number;
  preflights: number;
  sentRequestIds: string[];
}

/** The cross-origin error API: `/{policy}/{answer}?key={unique}`. */
export interface ErrorApi {
  /**
   * `http://127.0.0.1:{port}` of each listener, all with the same answers. A browser opens at most 6 connections
   * to one host and port: a request that must reach the server at once (one that hangs until a timeout or an
   * abort) gets a port of its own, or it would wait in the browser's queue and never arrive.
   */
  origins: readonly string[];
  /** What arrived for `key` (zeros if nothing did). */
  count(key: string): ScenarioCount;
  /**
   * Resolves once a request (not a preflight) for `key` has arrived, or rejects after `limitMs`: a test that aborts
   * a hanging request waits for this, not for a fixed delay a slow browser may outlast.
   */
  arrival(key: string, limitMs: number): Promise<void>;
  close(): Promise<void>;
}

/** The answers the API gives, by the second path segment. */
export type ApiAnswer =
  | 'not-found'
  | 'forbidden'
  | 'unavailable'
  | 'bad-gateway-html'
  | 'gzip-internal'
  | 'huge-body'
  | 'hang'
  | 'echo-request-id';

/** A 2 MiB error body, larger than any bound: the client must stop reading it. */
const HUGE_BODY_BYTES = 2 * 1024 * 1024;
/** A hanging request is dropped after this long, so the server never waits for ever. */
const HANG_LIMIT_MS = 10_000;

const GZIPPED_INTERNAL_ERROR = gzipSync(
  JSON.stringify({ code: 'InternalError', message: 'We encountered an internal error. Please try again.' }),
);

function json(response: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

/** Writes the 2 MiB body with backpressure and stops when the client goes away. */
function writeHugeBody(response: ServerResponse, headers: Record<string, string>): void {
  response.writeHead(400, { ...headers, 'content-type': 'application/json', 'x-bce-request-id': 'req-huge' });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const head = Buffer.from('{"code":"InvalidArgument","message":"');
  const tail = Buffer.from('"}');
  let remaining = HUGE_BODY_BYTES - head.length - tail.length;
  response.write(head);
  const pump = (): void => {
    while (remaining > 0 && !response.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunk.length, remaining));
      remaining -= piece.length;
      if (!response.write(piece)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end(tail);
  };
  pump();
}

function answer(
  request: IncomingMessage,
  response: ServerResponse,
  kind: string,
  headers: Record<string, string>,
): void {
  switch (kind as ApiAnswer) {
    case 'not-found':
      json(
        response,
        404,
        { ...headers, 'x-bce-request-id': 'req-404', 'x-bce-debug-id': 'dbg-404' },
        {
          code: 'NoSuchKey',
          message: 'The specified key does not exist.',
        },
      );
      return;
    case 'forbidden':
      json(response, 403, headers, { code: 'AccessDenied', message: 'Access denied.', requestId: 'body-403' });
      return;
    case 'unavailable':
      json(
        response,
        503,
        { ...headers, 'x-bce-request-id': 'req-503' },
        {
          code: 'ServiceUnavailable',
          message: 'busy',
        },
      );
      return;
    case 'bad-gateway-html':
      response.writeHead(502, { ...headers, 'content-type': 'text/html' });
      response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    case 'gzip-internal':
      response.writeHead(500, {
        ...headers,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'x-bce-request-id': 'req-500',
      });
      response.end(GZIPPED_INTERNAL_ERROR);
      return;
    case 'huge-body':
      writeHugeBody(response, headers);
      return;
    case 'hang': {
      const timer = setTimeout(() => response.destroy(), HANG_LIMIT_MS);
      response.once('close', () => {
        clearTimeout(timer);
      });
      return;
    }
    case 'echo-request-id': {
      const sent = request.headers['x-bce-request-id'];
      json(
        response,
        404,
        { ...headers, 'x-bce-request-id': typeof sent === 'string' ? sent : 'none-sent' },
        {
          code: 'NoSuchKey',
          message: 'The specified key does not exist.',
        },
      );
      return;
    }
    default:
      json(response, 400, headers, { code: 'InvalidURI', message: `no such answer: ${kind}` });
  }
}

/**
 * Starts the error API on 127.0.0.1 (an ephemeral port). It allows cross-origin calls from `allowedOrigins`,
 * as the request's policy says.
 */
export async function startErrorApi(allowedOrigins: readonly string[], listeners = 1): Promise<ErrorApi> {
  const counts = new Map<string, ScenarioCount>();
  const arrivals = new Map<string, () => void>();
  const countOf = (key: string): ScenarioCount => {
    let count = counts.get(key);
    if (count === undefined) {
      count = { requests: 0, preflights: 0, sentRequestIds: [] };
      counts.set(key, count);
    }
    return count;
  };
  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const [, policySegment = '', kind = ''] = url.pathname.split('/');
    const policy = (CORS_POLICIES as readonly string[]).includes(policySegment)
      ? (policySegment as CorsPolicy)
      : 'none';
    const headers = corsHeaders(policy, request.headers.origin, allowedOrigins);
    const count = countOf(url.searchParams.get('key') ?? '');
    request.resume();
    if (request.method === 'OPTIONS') {
      count.preflights += 1;
      response.writeHead(204, { ...headers, 'access-control-max-age': '0' });
      response.end();
      return;
    }
    count.requests += 1;
    arrivals.get(url.searchParams.get('key') ?? '')?.();
    const sent = request.headers['x-bce-request-id'];
    if (typeof sent === 'string') count.sentRequestIds.push(sent);
    answer(request, response, kind, headers);
  };
  const servers: Server[] = [];
  const origins: string[] = [];
  for (let index = 0; index < listeners; index += 1) {
    const server = createServer(handler);
    server.keepAliveTimeout = 1000;
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    origins.push(`http://127.0.0.1:${String((server.address() as AddressInfo).port)}`);
  }
  return {
    origins,
    count: (key) => counts.get(key) ?? { requests: 0, preflights: 0, sentRequestIds: [] },
    arrival: (key, limitMs) =>
      new Promise<void>((resolve, reject) => {
        if ((counts.get(key)?.requests ?? 0) > 0) {
          resolve();
          return;
        }
        const timer = setTimeout(() => {
          arrivals.delete(key);
          reject(new Error(`no request for ${key} reached the API within ${String(limitMs)} ms`));
        }, limitMs);
        arrivals.set(key, () => {
          clearTimeout(timer);
          arrivals.delete(key);
          resolve();
        });
      }),
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
