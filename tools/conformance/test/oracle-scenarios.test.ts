import { request as httpRequest, get as httpGet, STATUS_CODES, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { startMockServer, type MockServer } from '@bce-errors/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_ORACLE_PREFIX,
  loadConformanceScenarios,
  loadOracleScenarios,
  rawScenarioResponse,
  routeOracleScenarios,
  scenarioBodyBytes,
  scenarioResponse,
  type ConformanceScenario,
} from '../src/index.js';

interface Received {
  status: number;
  statusMessage: string;
  /** [name, value] as Node's client read them off the wire (names in their case, duplicates kept). */
  rawHeaders: [string, string][];
  body: Buffer;
  complete: boolean;
}

function collect(res: IncomingMessage, resolve: (received: Received) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  // A body cut short ends the stream with an error; what arrived is still reported.
  res.on('error', () => undefined);
  res.on('close', () => {
    const rawHeaders: [string, string][] = [];
    for (let index = 0; index + 1 < res.rawHeaders.length; index += 2) {
      rawHeaders.push([res.rawHeaders[index] ?? '', res.rawHeaders[index + 1] ?? '']);
    }
    resolve({
      status: res.statusCode ?? 0,
      statusMessage: res.statusMessage ?? '',
      rawHeaders,
      body: Buffer.concat(chunks),
      complete: res.complete,
    });
  });
}

/** Reads one answer with Node's `http.get` (or `http.request` for another method) on a fresh connection. */
function read(url: string, method = 'GET'): Promise<Received> {
  return new Promise<Received>((resolve, reject) => {
    const onResponse = (res: IncomingMessage): void => {
      collect(res, resolve);
    };
    const req =
      method === 'GET'
        ? httpGet(url, { agent: false }, onResponse)
        : httpRequest(url, { method, agent: false }, onResponse);
    req.on('error', reject);
    if (method !== 'GET') req.end();
  });
}

/** Every byte the server sent for a bare GET over TCP, until it closed the connection. */
function wire(port: number, path: string): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      resolve(Buffer.concat(chunks));
    });
  });
}

/** Decodes a complete chunked body (chunk extensions and trailers are not used by the vectors). */
function dechunk(framed: Uint8Array): Buffer {
  const bytes = Buffer.from(framed);
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at, 'latin1');
    if (lineEnd === -1) throw new Error('dechunk: no chunk-size line');
    const size = Number.parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (size === 0) return Buffer.concat(parts);
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

const hasHeader = (scenario: ConformanceScenario, name: string, value?: string): boolean =>
  Object.entries(scenario.headers).some(
    ([key, field]) => key.toLowerCase() === name && (value === undefined || field.toLowerCase() === value),
  );

/** What Node's client must read for a scenario served raw: derived from the vector, not from the mock server. */
function expectedReading(scenario: ConformanceScenario): Received {
  const plain = scenarioBodyBytes(scenario);
  const onWire = scenario.gzip === true ? gzipSync(plain) : Buffer.from(plain);
  const rawHeaders: [string, string][] = Object.entries(scenario.headers).map(([name, value]) => [
    name,
    value.replace(/^[\t ]+|[\t ]+$/gu, ''), // the client trims optional whitespace around a value
  ]);
  if (scenario.gzip === true && !hasHeader(scenario, 'content-encoding')) rawHeaders.push(['Content-Encoding', 'gzip']);
  if (scenario.omitContentLength !== true) rawHeaders.push(['Content-Length', String(onWire.byteLength)]);
  rawHeaders.push(['Connection', 'close']);
  const fault = scenario.fault?.type === 'close-mid-body' ? scenario.fault : undefined;
  const sent = onWire.subarray(0, Math.min(onWire.byteLength, fault?.sendBytes ?? onWire.byteLength));
  const head = scenario.method === 'HEAD';
  const chunked = hasHeader(scenario, 'transfer-encoding', 'chunked');
  return {
    status: scenario.status,
    // As the oracle's server: the standard phrase, `Unknown` for a status without one (s5002's 599).
    statusMessage: scenario.reason ?? STATUS_CODES[scenario.status] ?? 'Unknown',
    rawHeaders,
    body: head ? Buffer.alloc(0) : chunked ? dechunk(sent) : Buffer.from(sent),
    complete: head || sent.byteLength === onWire.byteLength,
  };
}

function byId(id: string): ConformanceScenario {
  const scenario = loadOracleScenarios().find((candidate) => candidate.id === id);
  if (scenario === undefined) throw new Error(`no oracle scenario ${id}`);
  return scenario;
}

describe('loadOracleScenarios', () => {
  it('loads all 326 oracle scenarios (300 random, then the 26 repros) in the one scenario model', () => {
    const scenarios = loadOracleScenarios();
    expect(scenarios).toHaveLength(326);
    expect(new Set(scenarios.map((scenario) => scenario.id)).size).toBe(326);
    expect(scenarios.slice(300).map((scenario) => scenario.id)).toEqual(
      Array.from({ length: 26 }, (_unused, index) => `s${String(9001 + index)}`),
    );
    expect(scenarios.slice(300).every((scenario) => typeof scenario.reproduces === 'string')).toBe(true);
    expect(scenarios.every((scenario) => scenario.source === 'oracle-vectors')).toBe(true);
    expect(loadConformanceScenarios().every((scenario) => scenario.source === 'sdk-vectors')).toBe(true);
    expect(scenarios.every((scenario) => scenario.tags.length > 0 || scenario.reproduces !== undefined)).toBe(true);
    const count = (test: (scenario: ConformanceScenario) => boolean): number => scenarios.filter(test).length;
    expect(count((scenario) => scenario.reason !== undefined)).toBe(49);
    expect(count((scenario) => scenario.reason === '')).toBe(19);
    expect(count((scenario) => scenario.bodyBase64 !== undefined)).toBe(25);
    expect(count((scenario) => scenario.omitContentLength === true)).toBe(23);
    expect(count((scenario) => scenario.gzip === true)).toBe(10);
    expect(count((scenario) => scenario.fault?.type === 'close-mid-body')).toBe(17);
    expect(count((scenario) => scenario.fault !== undefined && scenario.fault.type !== 'close-mid-body')).toBe(0);
    for (const scenario of scenarios) {
      for (const style of ['go', 'java', 'python'] as const) expect(scenario.sdk[style].gapsMs).toBeUndefined();
    }
    expect(loadOracleScenarios()).toBe(scenarios);
    expect(Object.isFrozen(scenarios[0]?.headers)).toBe(true);
  });

  it('keeps the measured SDK fields, the oracle-only ones typed', () => {
    const s5006 = byId('s5006');
    expect(s5006.fault).toEqual({ type: 'close-mid-body', sendBytes: 21 });
    expect(s5006.sdk.java.causeType).toBe('org.apache.http.ConnectionClosedException');
    expect(s5006.sdk.java.errorKind).toBeNull();
    expect(s5006.sdk.python.lastErrorType).toBe('http.client.IncompleteRead');
    expect(s5006.sdk.python.strLastLine).toMatch(/^>>>>http\.client\.IncompleteRead/u);
    expect(byId('s5027').sdk.java.errorKind).toBe('Client');
    // Python copies a body's non-string code or request id as it was: typed as a string, but not one here.
    expect(byId('s5016').sdk.python.code).toEqual(['Key internal invalid exceeded conflict request failed.']);
    expect(byId('s5135').sdk.python.requestId).toBe(47116);
  });

  it('applies bodyPad and gives the exact bytes of bodyBase64 bodies', () => {
    const s5071 = byId('s5071');
    expect(Buffer.byteLength(s5071.body)).toBe(30_118);
    expect(s5071.body).not.toContain('@@PAD@@');
    const s9010 = byId('s9010');
    const bytes = Buffer.from(scenarioBodyBytes(s9010));
    expect(bytes.includes(Buffer.from('bad \xff byte', 'latin1'))).toBe(true);
    expect(s9010.body).toContain('bad \uFFFD byte');
    expect(scenarioBodyBytes(s9010)).not.toBe(scenarioBodyBytes(s9010));
  });

  it('maps a scenario to a raw answer: gzip adds Content-Encoding unless present, faults cut the body', () => {
    const s5029 = rawScenarioResponse(byId('s5029'));
    expect(s5029?.raw?.headerLines?.at(-1)).toEqual(['Content-Encoding', 'gzip']);
    const body = s5029?.raw?.body;
    expect(body instanceof Uint8Array && gunzipSync(body).toString('utf8')).toBe(byId('s5029').body);
    // A false Content-Encoding (lying-gzip) is sent as it is, over a body that is not gzipped.
    const s5104 = rawScenarioResponse(byId('s5104'));
    expect(s5104?.raw?.headerLines?.filter(([name]) => name.toLowerCase() === 'content-encoding')).toHaveLength(1);
    expect(s5104?.raw).toMatchObject({ omitContentLength: true, closeAfterBytes: 1086, closeDelayMs: 50 });
    expect(rawScenarioResponse(byId('s5009'))?.raw?.reason).toBe('');
    expect(scenarioResponse(byId('s5094'))).toEqual(rawScenarioResponse(byId('s5094')));
  });
});

describe('oracle scenarios served by the mock server', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer();
    routeOracleScenarios(server);
  });
  afterAll(async () => {
    await server.close();
  });
  const url = (id: string): string => `${server.url}${DEFAULT_ORACLE_PREFIX}/${id}`;

  it('s5027: a chunked body passes through with its own framing', async () => {
    const scenario = byId('s5027');
    const received = await read(url('s5027'));
    expect(received.status).toBe(405);
    expect(received.statusMessage).toBe('Method Not Allowed');
    expect(received.rawHeaders).toEqual([
      ['X-Bce-Request-Id', '7a045e36-b513-4a34-b165-55082dc07329'],
      ['Content-Type', 'application/json; charset=utf-8'],
      ['Transfer-Encoding', 'chunked'],
      ['Connection', 'close'],
    ]);
    expect(received.body).toEqual(dechunk(scenarioBodyBytes(scenario)));
    expect(received.body.toString('utf8')).toMatch(/^\{"code":"MalformedJSON",/u);
    expect(received.complete).toBe(true);
    const bytes = await wire(server.port, '/oracle/s5027');
    expect(bytes.toString('latin1')).toContain('\r\nX-Bce-Request-Id:   7a045e36-b513-4a34-b165-55082dc07329  \r\n');
    expect(bytes.subarray(bytes.indexOf('\r\n\r\n') + 4)).toEqual(Buffer.from(scenarioBodyBytes(scenario)));
  });

  it('s5094: the request id header in two casings arrives as two raw headers', async () => {
    const received = await read(url('s5094'));
    expect(received.status).toBe(403);
    expect(received.rawHeaders).toEqual([
      ['X-BCE-REQUEST-ID', ''],
      ['x-bce-request-id', 'f18e3c2f-6c4c-43a4-8634-955aca270e66'],
      ['Content-Type', 'application/json; charset=utf-8'],
      ['Server', 'bfe'],
      ['Content-Length', '0'],
      ['Connection', 'close'],
    ]);
    expect(received.body.byteLength).toBe(0);
  });

  it('s5006: close-mid-body announces 128 bytes, sends 21 and closes', async () => {
    const received = await read(url('s5006'));
    expect(received.status).toBe(412);
    expect(received.statusMessage).toBe('Custom Reason');
    expect(received.rawHeaders).toContainEqual(['Content-Length', '128']);
    expect(received.body).toEqual(Buffer.from(scenarioBodyBytes(byId('s5006'))).subarray(0, 21));
    expect(received.complete).toBe(false);
  });

  it('s5029: a gzip scenario arrives gzipped with Content-Encoding: gzip', async () => {
    const received = await read(url('s5029'));
    expect(received.rawHeaders).toContainEqual(['Content-Encoding', 'gzip']);
    expect(gunzipSync(received.body).toString('utf8')).toBe(byId('s5029').body);
  });

  it('s5071: a bodyPad scenario arrives padded to its exact size', async () => {
    const received = await read(url('s5071'));
    expect(received.status).toBe(408);
    expect(received.body.byteLength).toBe(30_118);
    expect(received.body.toString('utf8')).toBe(byId('s5071').body);
  });

  it('s5009: an empty reason phrase goes on the wire as "HTTP/1.1 504 " and reads as ""', async () => {
    const received = await read(url('s5009'));
    expect(received.status).toBe(504);
    expect(received.statusMessage).toBe('');
    expect((await wire(server.port, '/oracle/s5009')).toString('latin1')).toMatch(/^HTTP\/1\.1 504 \r\n/u);
  });

  it('s5015: a spaced reason and a UTF-8 header value arrive byte for byte', async () => {
    const received = await read(url('s5015'));
    expect(received.statusMessage).toBe('Service  Temporarily   Unavailable');
    const value = received.rawHeaders.find(([name]) => name === 'x-bce-request-id')?.[1] ?? '';
    expect(Buffer.from(value, 'latin1').toString('utf8')).toBe('请求-aa11b1');
  });

  it('every one of the 326 scenarios reads back as the vector says (status, reason, raw headers, body)', async () => {
    const scenarios = loadOracleScenarios();
    // A few connections at a time: the machine is shared.
    const readings: Received[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let index = next++; index < scenarios.length; index = next++) {
        const scenario = scenarios[index];
        if (scenario !== undefined) readings[index] = await read(url(scenario.id), scenario.method);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    scenarios.forEach((scenario, index) => {
      const { body, ...reading } = readings[index] ?? { body: Buffer.alloc(0) };
      const { body: expectedBody, ...expected } = expectedReading(scenario);
      expect(reading, scenario.id).toEqual(expected);
      // Buffer.equals: a deep comparison of 326 bodies (up to 200 kB) byte by byte would be slow.
      expect(body.equals(expectedBody), `${scenario.id} body`).toBe(true);
    });
    expect(server.requests().filter((request) => request.path.startsWith('/oracle/')).length).toBeGreaterThan(326);
  });
});
