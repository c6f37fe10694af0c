import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { startMockServer } from '@bce-errors/mock-server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_PREFIX, loadConformanceScenarios, routeScenarios, scenarioResponse } from '../src/index.js';

interface RawResult {
  status: number;
  /** Header names as they were on the wire, alternating with their values. */
  rawHeaders: string[];
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request on a fresh connection (no agent), reporting exactly what arrived; rejects when no response head arrived. */
function rawRequest(url: string, init: { method?: string; timeoutMs?: number } = {}): Promise<RawResult> {
  return new Promise<RawResult>((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
      });
      res.on('close', () => {
        resolve({
          status: res.statusCode ?? 0,
          rawHeaders: res.rawHeaders,
          headers: res.headers,
          body: Buffer.concat(chunks),
        });
      });
    });
    req.on('error', reject);
    if (init.timeoutMs !== undefined) {
      req.setTimeout(init.timeoutMs, () => {
        req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' }));
      });
    }
    req.end();
  });
}

function rawHeaderNames(result: RawResult): string[] {
  return result.rawHeaders.filter((_value, index) => index % 2 === 0);
}

describe('conformance scenarios', () => {
  it('loads the 25 scenarios of the SDK vectors, with s25 padded to exactly 2 MiB', () => {
    const scenarios = loadConformanceScenarios();
    expect(scenarios).toHaveLength(25);
    expect(new Set(scenarios.map((scenario) => scenario.id)).size).toBe(25);
    const s25 = scenarios.find((scenario) => scenario.id === 's25');
    expect(s25).toBeDefined();
    const body = s25?.body ?? '';
    expect(Buffer.byteLength(body)).toBe(2_097_152);
    expect(body).not.toContain('@@PAD@@');
    const parsed: unknown = JSON.parse(body);
    expect(parsed).toMatchObject({ code: 'InternalError', requestId: 'a1b2c3d4-0025-4000-8000-000000000025' });
    expect(s25?.sdk.go.message).toMatchObject({ truncated: true, utf8Bytes: 2_097_064 });
    expect(s25?.sdk.go.attempts).toBe(4);
    expect(loadConformanceScenarios()).toBe(scenarios);
    expect(Object.isFrozen(scenarios[0])).toBe(true);
  });

  it('maps faults: refuse has no response, no-response holds for the scenario holdMs', () => {
    const scenarios = loadConformanceScenarios();
    const s21 = scenarios.find((scenario) => scenario.id === 's21');
    const s23 = scenarios.find((scenario) => scenario.id === 's23');
    expect(s21?.fault).toEqual({ type: 'refuse' });
    expect(s21 && scenarioResponse(s21)).toBeUndefined();
    expect(s23 && scenarioResponse(s23)).toMatchObject({ fault: 'no-response', holdMs: 20_000 });
    expect(scenarios.filter((scenario) => scenario.fault !== undefined).map((scenario) => scenario.id)).toEqual([
      's21',
      's23',
    ]);
  });

  it('routeScenarios serves each scenario at /conformance/<id> with its exact status, headers and body', async () => {
    const server = await startMockServer();
    try {
      routeScenarios(server);
      const scenarios = loadConformanceScenarios();
      for (const scenario of scenarios.filter((candidate) => candidate.fault === undefined)) {
        const raw = await rawRequest(`${server.url}${DEFAULT_SCENARIO_PREFIX}/${scenario.id}`, {
          method: scenario.method,
        });
        expect(raw.status, scenario.id).toBe(scenario.status);
        expect(raw.body.toString('utf8'), scenario.id).toBe(scenario.method === 'HEAD' ? '' : scenario.body);
        for (const [name, value] of Object.entries(scenario.headers)) {
          expect(rawHeaderNames(raw), scenario.id).toContain(name);
          expect(raw.headers[name.toLowerCase()], scenario.id).toBe(value);
        }
      }
      const s04 = await rawRequest(`${server.url}/conformance/s04`);
      expect(s04.headers['content-length']).toBe('0');
      const s18 = await rawRequest(`${server.url}/conformance/s18`, { method: 'HEAD' });
      expect(s18.headers['content-length']).toBeUndefined();
      const s25 = await rawRequest(`${server.url}/conformance/s25`);
      expect(s25.body.byteLength).toBe(2_097_152);
      expect((await rawRequest(`${server.url}/conformance/s21`)).status).toBe(404);
      await expect(rawRequest(`${server.url}/conformance/s23`, { timeoutMs: 200 })).rejects.toMatchObject({
        code: 'CLIENT_TIMEOUT',
      });
    } finally {
      await server.close();
    }
  });

  it('routeScenarios takes another prefix', async () => {
    const server = await startMockServer();
    try {
      routeScenarios(server, '/v/');
      const response = await fetch(`${server.url}/v/s24`);
      expect(await response.json()).toEqual({ result: 'ok', count: 1 });
    } finally {
      await server.close();
    }
  });
});
