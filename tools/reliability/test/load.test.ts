import { setTimeout as delay } from 'node:timers/promises';
import { isBceClientError, isBceServiceError, parseServiceError } from '@bce-errors/core';
import { startMockServer, type MockServer } from '@bce-errors/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, createClient, type AdapterName } from './support/drivers.js';
import { fullGc } from './support/gc.js';
import { settleWithin, watchUnhandled } from './support/settle.js';

/** Requests per adapter, all started at once. */
const REQUESTS = Number(process.env.BCE_LOAD_REQUESTS ?? 10_000);
/**
 * Keep-alive sockets per client. 10 000 sockets at once would take 20 000 file descriptors in this process (client
 * and server ends) against `ulimit -n` (20 000 here, often 1 024 elsewhere): the requests are all in flight at once,
 * and the agent queues them onto this many connections.
 */
const MAX_SOCKETS = 256;
/** Heap growth allowed after a full collection, once everything is released. */
const HEAP_SLACK_BYTES = 3 * 1024 * 1024;
const gc = fullGc();

function tcpSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}

async function settleHeap(): Promise<number> {
  for (let round = 0; round < 3; round += 1) {
    gc();
    await delay(20);
  }
  return process.memoryUsage().heapUsed;
}

/** Waits until the open TCP sockets drop to `target` (closing is asynchronous on both ends), at most `ms`. */
async function socketsDownTo(target: number, ms: number): Promise<number> {
  const end = Date.now() + ms;
  while (tcpSockets() > target && Date.now() < end) await delay(20);
  return tcpSockets();
}

interface LoadRun {
  codes: Record<string, number>;
  unexpected: string[];
  elapsedMs: number;
  socketsAtEnd: number;
}

async function runLoad(server: MockServer, adapter: AdapterName, count: number): Promise<LoadRun> {
  const client = createClient(adapter, {
    options: { style: 'go', retry: false },
    timeoutMs: 30_000,
    maxSockets: MAX_SOCKETS,
  });
  const codes: Record<string, number> = {};
  const unexpected: string[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_unused, index) => {
      const path = index % 2 === 0 ? '/load/404' : '/load/503';
      try {
        await client.send({ url: `${server.url}${path}` });
        unexpected.push(`${path}: resolved`);
      } catch (error) {
        if (isBceServiceError(error))
          codes[`${String(error.statusCode)} ${error.code}`] =
            (codes[`${String(error.statusCode)} ${error.code}`] ?? 0) + 1;
        else unexpected.push(`${path}: ${isBceClientError(error) ? error.transportCode : String(error)}`);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const socketsAtEnd = tcpSockets();
  await client.close();
  return { codes, unexpected: unexpected.slice(0, 10), elapsedMs, socketsAtEnd };
}

describe('load and soak', () => {
  let server: MockServer;
  const unhandled = watchUnhandled();
  const figures: string[] = [];

  /** The mock server records every request; forget them so the records are not counted as the client's memory. */
  const routeLoad = (): void => {
    server.reset();
    server.route('/load/404', {
      status: 404,
      headers: { 'content-type': 'application/json', 'x-bce-request-id': 'load-404' },
      body: '{"code":"NoSuchKey","message":"The specified key does not exist.","requestId":"load-404"}',
    });
    server.route('/load/503', { status: 503, headers: { 'x-bce-request-id': 'load-503' } });
    // 3 KiB at 64 bytes every 50 ms: 2.4 s of body, far past the 500 ms timeout.
    server.route('/load/drip', {
      status: 500,
      headers: { 'content-type': 'application/json' },
      body: `{"code":"InternalError","message":"${'d'.repeat(3 * 1024)}"}`,
      dripBytesPerChunk: 64,
      dripIntervalMs: 50,
    });
  };

  beforeAll(async () => {
    server = await startMockServer();
    routeLoad();
    unhandled.start();
  });
  afterAll(async () => {
    unhandled.stop();
    await server.close();
    console.log(
      `[reliability] load figures (ulimit-safe pool of ${String(MAX_SOCKETS)} keep-alive sockets per client):\n${figures.join('\n')}`,
    );
  });

  for (const adapter of ADAPTERS) {
    it(`${adapter}: ${String(REQUESTS)} concurrent failing requests end with the right errors, release their sockets and memory`, async () => {
      // Warm-up: module state, JIT and pools that are created once must not count as growth.
      await runLoad(server, adapter, 500);
      await socketsDownTo(0, 5_000);
      routeLoad();
      const socketsBefore = tcpSockets();
      const heapBefore = await settleHeap();

      const run = await runLoad(server, adapter, REQUESTS);
      expect(run.unexpected).toStrictEqual([]);
      expect(run.codes).toStrictEqual({ '404 NoSuchKey': REQUESTS / 2, '503 ServiceUnavailable': REQUESTS / 2 });
      // Client and server ends of at most MAX_SOCKETS connections: no socket per request.
      expect(run.socketsAtEnd).toBeLessThanOrEqual(socketsBefore + 2 * MAX_SOCKETS);

      const socketsAfter = await socketsDownTo(socketsBefore, 5_000);
      expect(socketsAfter).toBeLessThanOrEqual(socketsBefore);
      expect(server.requests()).toHaveLength(REQUESTS);
      routeLoad();
      const heapAfter = await settleHeap();
      const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
      figures.push(
        `${adapter}: ${String(REQUESTS)} requests in ${String(Math.round(run.elapsedMs))} ms (${String(Math.round(REQUESTS / (run.elapsedMs / 1000)))}/s); ` +
          `TCP sockets before ${String(socketsBefore)}, at the end ${String(run.socketsAtEnd)}, after close ${String(socketsAfter)}; ` +
          `heap before ${mb(heapBefore)} MB, after ${mb(heapAfter)} MB`,
      );
      expect(heapAfter - heapBefore).toBeLessThan(HEAP_SLACK_BYTES);
      expect(unhandled.seen).toStrictEqual([]);
    });
  }

  it('the heap measurement notices 10 000 retained errors (so it can fail)', async () => {
    const before = await settleHeap();
    const retained = Array.from({ length: REQUESTS }, (_unused, index) =>
      parseServiceError({
        status: 404,
        headers: { 'x-bce-request-id': `r${String(index)}` },
        body: '{"code":"NoSuchKey","message":"m"}',
      }),
    );
    const after = await settleHeap();
    figures.push(
      `control: ${String(retained.length)} retained BceServiceErrors grow the heap by ${((after - before) / 1024 / 1024).toFixed(1)} MB`,
    );
    expect(after - before).toBeGreaterThan(HEAP_SLACK_BYTES);
  });

  for (const adapter of ADAPTERS) {
    // axios' own `timeout` is only an idle timeout on the socket in Node (req.setTimeout); the adapter adds a
    // per-attempt deadline of the same length, so a body that keeps dripping ends in a Timeout too.
    it(`${adapter}: a slow-drip error body ends in a Timeout near the per-attempt timeout`, async () => {
      const client = createClient(adapter, { options: { style: 'go', retry: false }, timeoutMs: 500 });
      const settled = await settleWithin(client.send({ url: `${server.url}/load/drip` }), 10_000);
      await client.close();
      figures.push(
        `${adapter}: slow-drip 500 with timeout 500 ms ended after ${String(Math.round(settled.elapsedMs))} ms (${settled.kind})`,
      );
      expect(settled.kind).toBe('rejected');
      const error = settled.kind === 'rejected' ? settled.error : undefined;
      expect(isBceClientError(error) && error.transportCode).toBe('Timeout');
      expect(settled.elapsedMs).toBeLessThan(1_500);
    });
  }

  it('axios: a caller signal (AbortSignal.timeout) bounds a slow-drip error body', async () => {
    const client = createClient('axios', { options: { style: 'go', retry: false }, timeoutMs: 500 });
    const settled = await settleWithin(
      client.send({ url: `${server.url}/load/drip`, signal: AbortSignal.timeout(500) }),
      10_000,
    );
    await client.close();
    figures.push(
      `axios: slow-drip 500 with AbortSignal.timeout(500) ended after ${String(Math.round(settled.elapsedMs))} ms (${settled.kind})`,
    );
    const error = settled.kind === 'rejected' ? settled.error : undefined;
    expect(isBceClientError(error) && error.transportCode).toBe('Aborted');
    expect(settled.elapsedMs).toBeLessThan(1_500);
  });
});
