import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawAnswerHead, startMockServer, type MockServer } from '../src/index.js';

interface HttpResult {
  status: number;
  statusMessage: string;
  rawHeaders: string[];
  headers: IncomingHttpHeaders;
  body: Buffer;
  complete: boolean;
  error: Error | undefined;
  headersAt: number;
  closedAt: number;
}

/** One request with Node's HTTP client on a fresh connection; rejects only when no response head arrived. */
function httpResult(url: string, init: { method?: string; body?: string } = {}): Promise<HttpResult> {
  return new Promise<HttpResult>((resolve, reject) => {
    let responded = false;
    let error: Error | undefined;
    const req = httpRequest(url, { method: init.method ?? 'GET', agent: false }, (res) => {
      responded = true;
      const headersAt = performance.now();
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (cause: Error) => {
        error ??= cause;
      });
      res.on('close', () => {
        resolve({
          status: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          rawHeaders: res.rawHeaders,
          headers: res.headers,
          body: Buffer.concat(chunks),
          complete: res.complete,
          error,
          headersAt,
          closedAt: performance.now(),
        });
      });
    });
    req.on('error', (cause: Error) => {
      if (responded) error ??= cause;
      else reject(cause);
    });
    req.end(init.body);
  });
}

/** Sends a bare HTTP/1.1 request over TCP and resolves with every byte the server sent until it closed. */
function wireBytes(port: number, method: string, path: string): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      resolve(Buffer.concat(chunks));
    });
  });
}

function pairs(rawHeaders: readonly string[]): [string, string][] {
  const result: [string, string][] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    result.push([rawHeaders[index] ?? '', rawHeaders[index + 1] ?? '']);
  }
  return result;
}

describe('ScriptedResponse.raw', () => {
  let server: MockServer;
  beforeEach(async () => {
    server = await startMockServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('sends duplicate header names in two casings as two raw headers, in order, and nothing else but the framing', async () => {
    server.route('/dup', {
      status: 403,
      raw: {
        headerLines: [
          ['X-BCE-REQUEST-ID', ''],
          ['x-bce-request-id', 'rid-2'],
          ['Content-Type', 'application/json'],
        ],
        body: '{}',
      },
    });
    const result = await httpResult(`${server.url}/dup`);
    expect(result.status).toBe(403);
    expect(result.statusMessage).toBe('Forbidden');
    expect(pairs(result.rawHeaders)).toEqual([
      ['X-BCE-REQUEST-ID', ''],
      ['x-bce-request-id', 'rid-2'],
      ['Content-Type', 'application/json'],
      ['Content-Length', '2'],
      ['Connection', 'close'],
    ]);
    expect(result.body.toString('utf8')).toBe('{}');
    expect(result.complete).toBe(true);
    const wire = await wireBytes(server.port, 'GET', '/dup');
    expect(wire.toString('latin1')).toBe(
      'HTTP/1.1 403 Forbidden\r\nX-BCE-REQUEST-ID: \r\nx-bce-request-id: rid-2\r\n' +
        'Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
    );
  });

  it('sends an empty reason phrase as "HTTP/1.1 404 " and any other phrase exactly', async () => {
    server.route('/empty', { status: 404, raw: { reason: '', body: 'x' } });
    server.route('/spaced', { status: 429, raw: { reason: 'Service  Temporarily   Unavailable' } });
    server.route('/unknown', { status: 599, raw: {} });
    const empty = await httpResult(`${server.url}/empty`);
    expect(empty.status).toBe(404);
    expect(empty.statusMessage).toBe('');
    expect((await wireBytes(server.port, 'GET', '/empty')).toString('latin1')).toMatch(/^HTTP\/1\.1 404 \r\n/u);
    expect((await httpResult(`${server.url}/spaced`)).statusMessage).toBe('Service  Temporarily   Unavailable');
    const unknown = await wireBytes(server.port, 'GET', '/unknown');
    expect(unknown.toString('latin1')).toMatch(/^HTTP\/1\.1 599 \r\n/u);
  });

  it('omitContentLength sends a close-delimited body', async () => {
    const body = '{"code":"X","message":"close-delimited"}';
    server.route('/close', {
      status: 500,
      raw: { headerLines: [['Content-Type', 'application/json']], body, omitContentLength: true },
    });
    const result = await httpResult(`${server.url}/close`);
    expect(result.headers['content-length']).toBeUndefined();
    expect(result.headers['transfer-encoding']).toBeUndefined();
    expect(result.body.toString('utf8')).toBe(body);
    expect(result.complete).toBe(true);
    expect(result.error).toBeUndefined();
  });

  it('passes a body that carries its own chunked framing through untouched', async () => {
    const framed = '5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n';
    server.route('/chunked', {
      status: 503,
      raw: {
        headerLines: [['Transfer-Encoding', 'chunked']],
        body: Buffer.from(framed, 'utf8'),
        omitContentLength: true,
      },
    });
    const result = await httpResult(`${server.url}/chunked`);
    expect(result.headers['transfer-encoding']).toBe('chunked');
    expect(result.body.toString('utf8')).toBe('hello world');
    expect(result.complete).toBe(true);
    const wire = await wireBytes(server.port, 'GET', '/chunked');
    expect(wire.toString('latin1').endsWith(`\r\n\r\n${framed}`)).toBe(true);
  });

  it('closeAfterBytes + closeDelayMs send part of the announced body, wait, then destroy the socket', async () => {
    const body = 'z'.repeat(100);
    server.route('/cut', {
      status: 412,
      raw: { reason: 'Custom Reason', body, closeAfterBytes: 10, closeDelayMs: 150 },
    });
    const result = await httpResult(`${server.url}/cut`, { method: 'PUT', body: '{"oracle":true}' });
    expect(result.status).toBe(412);
    expect(result.statusMessage).toBe('Custom Reason');
    expect(result.headers['content-length']).toBe('100');
    expect(result.body.toString('utf8')).toBe('z'.repeat(10));
    expect(result.complete).toBe(false);
    expect(result.error).toBeDefined();
    expect(result.closedAt - result.headersAt).toBeGreaterThanOrEqual(130);
    // The request body was read before the answer, so closing did not reset the connection over unread bytes.
    expect(server.requests('/cut')[0]?.bodyBytes).toBe(15);
    const none = 'n'.repeat(5);
    server.route('/zero', { status: 404, raw: { body: none, closeAfterBytes: 0 } });
    const zero = await httpResult(`${server.url}/zero`);
    expect(zero.headers['content-length']).toBe('5');
    expect(zero.body.byteLength).toBe(0);
    expect(zero.complete).toBe(false);
  });

  it('answers HEAD with the announced Content-Length and no body bytes', async () => {
    server.route('/head', { status: 404, raw: { body: 'twelve bytes' } });
    const result = await httpResult(`${server.url}/head`, { method: 'HEAD' });
    expect(result.headers['content-length']).toBe('12');
    expect(result.body.byteLength).toBe(0);
    const wire = await wireBytes(server.port, 'HEAD', '/head');
    expect(wire.toString('latin1').endsWith('Content-Length: 12\r\nConnection: close\r\n\r\n')).toBe(true);
  });

  it('writes header values as Latin-1, so UTF-8 bytes given as their Latin-1 reading arrive as those bytes', async () => {
    const utf8 = Buffer.from('请求-1', 'utf8').toString('latin1');
    server.route('/latin1', { status: 400, raw: { headerLines: [['x-bce-request-id', utf8]] } });
    const result = await httpResult(`${server.url}/latin1`);
    const value = result.headers['x-bce-request-id'];
    expect(typeof value === 'string' && Buffer.from(value, 'latin1').toString('utf8')).toBe('请求-1');
  });

  it('keeps its own Content-Length or Connection header instead of adding one', () => {
    const head = rawAnswerHead(
      200,
      {
        headerLines: [
          ['content-length', '3'],
          ['CONNECTION', 'close'],
        ],
      },
      5,
    );
    expect(head.toString('latin1')).toBe('HTTP/1.1 200 OK\r\ncontent-length: 3\r\nCONNECTION: close\r\n\r\n');
  });

  it('serves a retry on a new connection: a keep-alive client (fetch) gets every answer of a sequence', async () => {
    server.route('/seq', [
      { status: 503, raw: { reason: '', body: 'busy' } },
      { status: 500, raw: { body: 'cut', omitContentLength: true } },
      { status: 200, raw: { body: 'ok' } },
    ]);
    const seen: [number, string][] = [];
    for (let index = 0; index < 3; index += 1) {
      const response = await fetch(`${server.url}/seq`);
      seen.push([response.status, await response.text()]);
    }
    expect(seen).toEqual([
      [503, 'busy'],
      [500, 'cut'],
      [200, 'ok'],
    ]);
  });

  it('rejects invalid raw answers when routing', () => {
    const route =
      (raw: object, extra: object = {}) =>
      () => {
        server.route('/bad', { status: 400, ...extra, raw });
      };
    expect(route({}, { headers: { a: 'b' } })).toThrow(RangeError);
    expect(route({}, { body: 'x' })).toThrow(/statusText|body/u);
    expect(route({}, { fault: 'reset' })).toThrow(RangeError);
    expect(route({ reason: 'bad\r\nInjected: 1' })).toThrow(RangeError);
    expect(route({ headerLines: [['Bad Name', 'x']] })).toThrow(TypeError);
    expect(route({ headerLines: [['x-ok', 'line\r\nbreak']] })).toThrow(TypeError);
    expect(route({ headerLines: [['x-wide', '请求']] })).toThrow(TypeError);
    expect(route({ headerLines: [['only-a-name']] })).toThrow(RangeError);
    expect(route({ closeAfterBytes: 1.5 })).toThrow(RangeError);
    expect(route({ closeDelayMs: -1 })).toThrow(RangeError);
    expect(route({ body: 42 })).toThrow(RangeError);
    expect(() => {
      server.route('/bad', { status: 42, raw: {} });
    }).toThrow(RangeError);
    expect(route({ reason: '', omitContentLength: true }, { delayMs: 5 })).not.toThrow();
  });
});
