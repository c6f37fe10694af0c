import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/** The answers the API gives, by path: `/{answer}?key={unique}`. */
export type SmokeAnswer =
  'not-found' | 'flaky' | 'bad-gateway-html' | 'gzip-internal' | 'huge-body' | 'gzip-bomb' | 'hang' | 'reset';

/** The error API on 127.0.0.1 that every runtime calls. */
export interface SmokeApi {
  /** `http://127.0.0.1:{port}`. */
  origin: string;
  /** Requests that reached the API under `key` (0 if none did). */
  requests(key: string): number;
  close(): Promise<void>;
}

/** `flaky` answers 503 this many times per key, then 200: a retried request succeeds on its third attempt. */
const FLAKY_FAILURES = 2;
/** A hanging request is dropped after this long, so the server never waits for ever. */
const HANG_LIMIT_MS = 10_000;

/** A 2 MiB error body, far above any bound: the client must stop reading it. */
const HUGE_BODY_BYTES = 2 * 1024 * 1024;
/** 20 MiB of JSON once decompressed, about 20 KB on the wire (P12: the bound applies after decompression). */
const BOMB_BYTES = 20 * 1024 * 1024;

function oversizedJson(bytes: number): Buffer {
  const head = '{"code":"InvalidArgument","message":"';
  const tail = '"}';
  return Buffer.from(head + 'a'.repeat(bytes - head.length - tail.length) + tail);
}

const HUGE_BODY = oversizedJson(HUGE_BODY_BYTES);
const GZIP_BOMB = gzipSync(oversizedJson(BOMB_BYTES));

const GZIPPED_INTERNAL_ERROR = gzipSync(
  JSON.stringify({ code: 'InternalError', message: 'We encountered an internal error. Please try again.' }),
);

function json(response: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function answer(request: IncomingMessage, response: ServerResponse, kind: string, attempt: number): void {
  switch (kind as SmokeAnswer) {
    case 'not-found':
      json(
        response,
        404,
        { 'x-bce-request-id': 'req-404' },
        { code: 'NoSuchKey', message: 'The specified key does not exist.' },
      );
      return;
    case 'flaky':
      if (attempt <= FLAKY_FAILURES) {
        json(response, 503, { 'x-bce-request-id': 'req-503' }, { code: 'ServiceUnavailable', message: 'busy' });
      } else {
        json(response, 200, {}, { ok: true });
      }
      return;
    case 'bad-gateway-html':
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    case 'gzip-internal':
      response.writeHead(500, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'x-bce-request-id': 'req-500',
      });
      response.end(GZIPPED_INTERNAL_ERROR);
      return;
    case 'huge-body':
      response.writeHead(400, { 'content-type': 'application/json', 'x-bce-request-id': 'req-huge' });
      response.end(HUGE_BODY);
      return;
    case 'gzip-bomb':
      response.writeHead(400, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'x-bce-request-id': 'req-bomb',
      });
      response.end(GZIP_BOMB);
      return;
    case 'hang': {
      const timer = setTimeout(() => response.destroy(), HANG_LIMIT_MS);
      response.once('close', () => {
        clearTimeout(timer);
      });
      return;
    }
    case 'reset':
      // The connection dies after the request arrived and before any byte of a response.
      request.socket.resetAndDestroy();
      return;
    default:
      json(response, 400, {}, { code: 'InvalidURI', message: `no such answer: ${kind}` });
  }
}

/** `http://127.0.0.1:{port}`. */
export function smokeApiOrigin(port: number): string {
  return `http://127.0.0.1:${String(port)}`;
}

/** Starts the error API on 127.0.0.1 (an ephemeral port). */
export async function startSmokeApi(): Promise<SmokeApi> {
  const counts = new Map<string, number>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const key = url.searchParams.get('key') ?? '';
    const attempt = (counts.get(key) ?? 0) + 1;
    counts.set(key, attempt);
    request.resume();
    answer(request, response, url.pathname.slice(1), attempt);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    origin: smokeApiOrigin((server.address() as AddressInfo).port),
    requests: (key) => counts.get(key) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
