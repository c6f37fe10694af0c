import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTestTlsCredentials, startMockServer, unusedPortUrl, type MockServer } from '../src/index.js';

interface RawResult {
  status: number;
  statusText: string;
  /** Header names as they were on the wire, alternating with their values. */
  rawHeaders: string[];
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Whether the whole announced body arrived. */
  complete: boolean;
  /** The error the response stream ended with, if it was cut. */
  error: (Error & { code?: string }) | undefined;
  /** performance.now() when the response head arrived, and when each body chunk arrived. */
  headersAt: number;
  chunkAt: number[];
}

interface RawInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  ca?: string;
}

/**
 * One request on a fresh connection (no agent), reporting exactly what arrived. Rejects only when no
 * response head arrived; a connection lost after the head is reported as `error` of the result.
 */
function rawRequest(url: string, init: RawInit = {}): Promise<RawResult> {
  return new Promise<RawResult>((resolve, reject) => {
    let responded = false;
    let error: RawResult['error'];
    const options = { method: init.method ?? 'GET', headers: init.headers ?? {}, agent: false as const, ca: init.ca };
    const onResponse = (res: IncomingMessage): void => {
      responded = true;
      const headersAt = performance.now();
      const chunks: Buffer[] = [];
      const chunkAt: number[] = [];
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        chunkAt.push(performance.now());
      });
      res.on('error', (cause: Error) => {
        error ??= cause;
      });
      res.on('close', () => {
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          rawHeaders: res.rawHeaders,
          headers: res.headers,
          body: Buffer.concat(chunks),
          complete: res.complete,
          error,
          headersAt,
          chunkAt,
        });
      });
    };
    const req = url.startsWith('https:')
      ? httpsRequest(url, options, onResponse)
      : httpRequest(url, options, onResponse);
    req.on('error', (cause: Error) => {
      // After the head, Node reports a lost connection on the request too; keep the first error.
      if (responded) error ??= cause;
      else reject(cause);
    });
    if (init.timeoutMs !== undefined) {
      req.setTimeout(init.timeoutMs, () => {
        req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' }));
      });
    }
    req.end(init.body);
  });
}

/** The `cause.code` of a rejected fetch (undici wraps the socket error). */
async function fetchFailureCode(promise: Promise<unknown>): Promise<string | undefined> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(Error);
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
}

function rawHeaderNames(result: RawResult): string[] {
  return result.rawHeaders.filter((_value, index) => index % 2 === 0);
}

describe('startMockServer', () => {
  let server: MockServer;
  beforeEach(async () => {
    server = await startMockServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('listens on 127.0.0.1 at the port it reports', () => {
    expect(server.url).toBe(`http://127.0.0.1:${String(server.port)}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('sends the scripted status, reason phrase, headers (case kept) and exact body bytes', async () => {
    const bytes = Uint8Array.from([0x7b, 0x00, 0xff, 0xfe, 0x0a, 0x7d]);
    server.route('/obj', {
      status: 418,
      statusText: 'Custom Reason',
      headers: { 'X-Bce-Request-Id': 'rid-1', 'Set-Cookie': ['a=1', 'b=2'] },
      body: bytes,
    });
    const result = await rawRequest(`${server.url}/obj?versionId=3`);
    expect(result.status).toBe(418);
    expect(result.statusText).toBe('Custom Reason');
    expect(rawHeaderNames(result)).toContain('X-Bce-Request-Id');
    expect(result.headers['x-bce-request-id']).toBe('rid-1');
    expect(result.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(result.headers['content-length']).toBe('6');
    expect([...result.body]).toEqual([...bytes]);
    expect(result.complete).toBe(true);
  });

  it('sends a string body as UTF-8 and reports it through fetch too', async () => {
    server.route('/utf8', {
      status: 400,
      headers: { 'Content-Type': 'application/json' },
      body: '{"message":"参数错误 🚀"}',
    });
    const response = await fetch(`${server.url}/utf8`);
    expect(response.status).toBe(400);
    expect(response.statusText).toBe('Bad Request');
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength('{"message":"参数错误 🚀"}')));
    expect(await response.text()).toBe('{"message":"参数错误 🚀"}');
  });

  it('answers an unrouted path 404 with a BCE JSON NoSuchRoute body', async () => {
    const response = await fetch(`${server.url}/nowhere?x=1`);
    expect(response.status).toBe(404);
    const body: unknown = await response.json();
    expect(body).toMatchObject({ code: 'NoSuchRoute', message: expect.stringContaining('GET /nowhere') as unknown });
    expect(body).toHaveProperty('requestId', response.headers.get('x-bce-request-id'));
  });

  it('gzips the body and sets content-encoding: gzip', async () => {
    const text = 'gzip me '.repeat(500);
    server.route('/gz', { status: 503, body: text, gzip: true });
    const raw = await rawRequest(`${server.url}/gz`);
    expect(raw.headers['content-encoding']).toBe('gzip');
    expect(Number(raw.headers['content-length'])).toBe(raw.body.byteLength);
    expect(raw.body.byteLength).toBeLessThan(Buffer.byteLength(text));
    expect(gunzipSync(raw.body).toString('utf8')).toBe(text);
    const decoded = await fetch(`${server.url}/gz`);
    expect(await decoded.text()).toBe(text);
  });

  it('cutAfterBytes announces the full length, sends only the given bytes, then closes', async () => {
    const body = 'x'.repeat(1000);
    server.route('/cut', { status: 500, body, cutAfterBytes: 100 });
    const raw = await rawRequest(`${server.url}/cut`);
    expect(raw.status).toBe(500);
    expect(raw.headers['content-length']).toBe('1000');
    expect(raw.body.toString('utf8')).toBe('x'.repeat(100));
    expect(raw.complete).toBe(false);
    expect(raw.error).toBeDefined();
    const response = await fetch(`${server.url}/cut`);
    expect(response.status).toBe(500);
    await expect(response.text()).rejects.toThrow();
  });

  it('reset answers nothing and resets the connection (ECONNRESET)', async () => {
    server.route('/reset', { status: 200, fault: 'reset' });
    await expect(rawRequest(`${server.url}/reset`)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(await fetchFailureCode(fetch(`${server.url}/reset`))).toBe('ECONNRESET');
    expect(server.requests('/reset')).toHaveLength(2);
  });

  it('reset-after-headers sends the head and part of the body, then resets', async () => {
    server.route('/rah', { status: 200, body: 'y'.repeat(400), fault: 'reset-after-headers', cutAfterBytes: 40 });
    const raw = await rawRequest(`${server.url}/rah`);
    expect(raw.status).toBe(200);
    expect(raw.headers['content-length']).toBe('400');
    expect(raw.body.toString('utf8')).toBe('y'.repeat(40));
    expect(raw.complete).toBe(false);
    expect(raw.error).toMatchObject({ code: 'ECONNRESET' });
  });

  it('no-response reads the request and never answers, so a client timeout fires', async () => {
    server.route('/hang', { status: 200, fault: 'no-response' });
    const started = performance.now();
    const failure = fetch(`${server.url}/hang`, { signal: AbortSignal.timeout(300) });
    await expect(failure).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(server.requests('/hang')).toHaveLength(1);
    await expect(rawRequest(`${server.url}/hang`, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'CLIENT_TIMEOUT',
    });
  });

  it('no-response destroys the held socket after holdMs', async () => {
    server.route('/hold', { status: 200, fault: 'no-response', holdMs: 150 });
    const started = performance.now();
    await expect(rawRequest(`${server.url}/hold`)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('delayMs waits before the headers and drip sends the body in paced chunks', async () => {
    server.route('/slow', {
      status: 200,
      body: 'abcdefghij'.repeat(5),
      delayMs: 150,
      dripBytesPerChunk: 10,
      dripIntervalMs: 60,
    });
    const started = performance.now();
    const raw = await rawRequest(`${server.url}/slow`);
    expect(raw.headersAt - started).toBeGreaterThanOrEqual(140);
    expect(raw.body.toString('utf8')).toBe('abcdefghij'.repeat(5));
    expect(raw.complete).toBe(true);
    const first = raw.chunkAt[0] ?? Number.NaN;
    const last = raw.chunkAt.at(-1) ?? Number.NaN;
    // 5 chunks with 4 pauses of 60 ms between them.
    expect(last - first).toBeGreaterThanOrEqual(4 * 60 - 20);
    expect(raw.chunkAt.length).toBeGreaterThanOrEqual(3);
  });

  it('serves a list of responses in order per request and repeats the last one', async () => {
    server.route('/seq', [{ status: 503 }, { status: 500 }, { status: 200, body: 'ok' }]);
    server.route('/other', { status: 204 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await fetch(`${server.url}/seq`);
      await response.arrayBuffer();
      statuses.push(response.status);
      if (i === 1) expect((await fetch(`${server.url}/other`)).status).toBe(204);
    }
    expect(statuses).toEqual([503, 500, 200, 200, 200]);
  });

  it('records requests (method, path without query, headers, body bytes) and the gaps between them', async () => {
    server.route('/rec', { status: 200 });
    await rawRequest(`${server.url}/rec?partNumber=1`, { method: 'PUT', headers: { 'X-Test': 'yes' }, body: 'hello' });
    await sleep(120);
    await rawRequest(`${server.url}/rec`);
    await sleep(60);
    await rawRequest(`${server.url}/rec`, { method: 'HEAD' });
    await rawRequest(`${server.url}/elsewhere`);

    const recorded = server.requests('/rec');
    expect(recorded.map((request) => request.method)).toEqual(['PUT', 'GET', 'HEAD']);
    expect(recorded[0]).toMatchObject({ path: '/rec', bodyBytes: 5, headers: { 'x-test': 'yes' } });
    expect(server.requests()).toHaveLength(4);
    expect(server.requests().at(-1)?.path).toBe('/elsewhere');

    const gaps = server.gapsMs('/rec');
    expect(gaps).toHaveLength(2);
    expect(gaps[0]).toBeGreaterThanOrEqual(110);
    expect(gaps[1]).toBeGreaterThanOrEqual(50);
    expect(server.gapsMs('/elsewhere')).toEqual([]);
  });

  it('reset() forgets routes and recorded requests', async () => {
    server.route('/gone', { status: 200, body: 'here' });
    expect((await fetch(`${server.url}/gone`)).status).toBe(200);
    server.reset();
    expect(server.requests()).toEqual([]);
    expect((await fetch(`${server.url}/gone`)).status).toBe(404);
    expect(server.requests()).toHaveLength(1);
  });

  it('rejects invalid scripts when routing', () => {
    expect(() => {
      server.route('no-slash', { status: 200 });
    }).toThrow(RangeError);
    expect(() => {
      server.route('/q?x=1', { status: 200 });
    }).toThrow(RangeError);
    expect(() => {
      server.route('/empty', []);
    }).toThrow(RangeError);
    expect(() => {
      server.route('/bad', { status: 42 });
    }).toThrow(RangeError);
    expect(() => {
      server.route('/bad', { status: 200, dripBytesPerChunk: 0 });
    }).toThrow(RangeError);
    expect(() => {
      server.route('/bad', { status: 200, headers: { 'Bad Name': 'x' } });
    }).toThrow(TypeError);
    // A fault that never answers needs no valid status.
    expect(() => {
      server.route('/ok', { status: 0, fault: 'no-response', holdMs: 10 });
    }).not.toThrow();
  });
});

describe('close()', () => {
  it('resolves promptly while a no-response socket is held, and the client sees the connection end', async () => {
    const server = await startMockServer();
    server.route('/held', { status: 200, fault: 'no-response' });
    const pending = rawRequest(`${server.url}/held`).then(
      () => 'answered',
      (error: unknown) => (error instanceof Error && 'code' in error ? error.code : 'failed'),
    );
    while (server.requests('/held').length === 0) await sleep(10);
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('ECONNRESET');
    await expect(server.close()).resolves.toBeUndefined();
  });

  it('resolves while a drip is in progress and a keep-alive connection is idle', async () => {
    const server = await startMockServer();
    server.route('/idle', { status: 200, body: 'k' });
    server.route('/drip', { status: 200, body: 'z'.repeat(100), dripBytesPerChunk: 1, dripIntervalMs: 1000 });
    expect(await (await fetch(`${server.url}/idle`)).text()).toBe('k');
    const dripping = await fetch(`${server.url}/drip`);
    expect(dripping.status).toBe(200);
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(dripping.text()).rejects.toThrow();
  });
});

describe('unusedPortUrl', () => {
  it('gives a 127.0.0.1 URL where connections are refused', async () => {
    const url = await unusedPortUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
    expect(await fetchFailureCode(fetch(`${url}/x`))).toBe('ECONNREFUSED');
  });
});

describe('startMockServer({ tls: true })', () => {
  let server: MockServer;
  beforeEach(async () => {
    server = await startMockServer({ tls: true });
  });
  afterEach(async () => {
    await server.close();
  });

  it('is rejected by default as self-signed', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/u);
    expect(await fetchFailureCode(fetch(`${server.url}/x`))).toMatch(/SELF_SIGNED/u);
    await expect(rawRequest(`${server.url}/x`)).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('serves routes to a client that trusts the test certificate (valid for 127.0.0.1)', async () => {
    server.route('/secure', { status: 403, body: '{"code":"AccessDenied"}' });
    const raw = await rawRequest(`${server.url}/secure`, { ca: readTestTlsCredentials().cert });
    expect(raw.status).toBe(403);
    expect(raw.body.toString('utf8')).toBe('{"code":"AccessDenied"}');
  });

  it('resets a TLS connection on the reset fault', async () => {
    server.route('/reset', { status: 200, fault: 'reset' });
    await expect(rawRequest(`${server.url}/reset`, { ca: readTestTlsCredentials().cert })).rejects.toBeInstanceOf(
      Error,
    );
  });
});
