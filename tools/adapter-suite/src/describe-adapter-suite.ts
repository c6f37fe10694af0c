import { isBceClientError, isBceError, isBceServiceError, SDK_STYLES, type SdkStyle } from '@bce-errors/core';
import { checkOutcome, CONTRACT_BASE_DELAY_MS, expectedOutcomes, GAP_TOLERANCE_MS } from '@bce-errors/conformance';
import { startMockServer, unusedPortUrl, type MockServer, type ScriptedResponse } from '@bce-errors/mock-server';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdapterDriver, DriverRequest } from './adapter-driver.js';
import { startEndlessErrorBodyServer } from './endless-error-body-server.js';

/** The per-attempt timeout used for the no-response scenario (the SDKs used 2 s; 1 s keeps the suite fast and stays far above event-loop stalls of a busy test worker). */
const SUITE_TIMEOUT_MS = 1000;
const BCE_NOT_FOUND: ScriptedResponse = {
  status: 404,
  headers: { 'content-type': 'application/json', 'x-bce-request-id': 'suite-404' },
  body: '{"code":"NoSuchKey","message":"The specified key does not exist.","requestId":"suite-404"}',
};

async function capture(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error;
  }
}

/**
 * The one scenario suite of every adapter: all vectors of sdk-vectors.json in all styles through the real client
 * against a real local server, then the transport failures, retry rules and body limits of the contract.
 * Returns the number of (scenario, style) pairs it checked, through `counted`.
 */
export function describeAdapterSuite(driver: AdapterDriver): void {
  const label = driver.label ?? driver.name;
  let server: MockServer;
  let tlsServer: MockServer;
  let refusedUrl: string;
  let checkedPairs = 0;
  const outcomes = expectedOutcomes();

  beforeAll(async () => {
    server = await startMockServer();
    tlsServer = await startMockServer({ tls: true });
    refusedUrl = await unusedPortUrl();
  });
  afterAll(async () => {
    await server.close();
    await tlsServer.close();
  });

  const send = (request: Partial<DriverRequest> & { url: string }) =>
    driver.send({ method: 'GET', options: {}, ...request });

  describe.concurrent(`${label}: every vector in every style, through the real client`, () => {
    it.each(outcomes.map((outcome) => [`${outcome.scenario.id} ${outcome.style}`, outcome] as const))(
      '%s',
      async (_label, outcome) => {
        const { scenario, style } = outcome;
        const path = `/conformance/${encodeURIComponent(label)}/${style}/${scenario.id}`;
        let url: string;
        if (scenario.fault?.type === 'refuse') url = `${refusedUrl}${path}`;
        else {
          const response: ScriptedResponse =
            scenario.fault?.type === 'no-response'
              ? { status: 200, fault: 'no-response', holdMs: 10_000 }
              : { status: scenario.status, headers: scenario.headers, body: scenario.body };
          server.route(path, response);
          url = `${server.url}${path}`;
        }
        const timeoutMs = scenario.fault?.type === 'no-response' ? SUITE_TIMEOUT_MS : undefined;
        const error = await capture(
          send({ url, method: scenario.method, options: { style }, ...(timeoutMs === undefined ? {} : { timeoutMs }) }),
        );
        checkOutcome(error, outcome);
        if (scenario.fault?.type !== 'refuse') {
          const resends = driver.protocolResends?.[scenario.status] ?? 0;
          const seen = server.requests(path);
          expect(seen).toHaveLength(outcome.attempts * (1 + resends));
          // A timed-out attempt lasts the timeout from the client's side, but its request may reach the busy
          // server late: the gap is at least the delay and at most timeout + delay + tolerance.
          const attemptDuration = timeoutMs ?? 0;
          if (resends === 0) {
            server.gapsMs(path).forEach((gap, index) => {
              const delay = CONTRACT_BASE_DELAY_MS[style] * 2 ** index;
              expect(gap).toBeGreaterThanOrEqual(delay - GAP_TOLERANCE_MS.below);
              expect(gap).toBeLessThanOrEqual(delay + attemptDuration + GAP_TOLERANCE_MS.above);
            });
          }
        }
        checkedPairs += 1;
      },
    );
  });

  describe(`${label}: transport failures become BceClientError with the shared code`, () => {
    const noRetry = { retry: false } as const;

    it('connection refused', async () => {
      const error = await capture(send({ url: `${refusedUrl}/refused`, options: noRetry }));
      expect(isBceClientError(error) && error.transportCode).toBe('ConnectionRefused');
    });

    it('reset before a response', async () => {
      server.route('/reset', { status: 200, fault: 'reset' });
      const error = await capture(send({ url: `${server.url}/reset`, options: noRetry }));
      expect(isBceClientError(error) && error.transportCode).toBe('ConnectionReset');
    });

    it('DNS failure on a .invalid host', async () => {
      const error = await capture(send({ url: 'http://bce-errors-test.invalid/x', options: noRetry }));
      expect(isBceClientError(error) && error.transportCode).toBe('DnsFailure');
    });

    it.runIf(driver.supportsTls)('TLS failure on a self-signed local server', async () => {
      tlsServer.route('/tls', BCE_NOT_FOUND);
      const error = await capture(send({ url: `${tlsServer.url}/tls`, options: noRetry }));
      expect(isBceClientError(error) && error.transportCode).toBe('TlsFailure');
    });

    it("the client's own timeout", async () => {
      server.route('/hang', { status: 200, fault: 'no-response', holdMs: 10_000 });
      const error = await capture(send({ url: `${server.url}/hang`, options: noRetry, timeoutMs: 200 }));
      expect(isBceClientError(error) && error.transportCode).toBe('Timeout');
    });

    it('a timeout says it timed out and an abort says it was aborted, in every style', async () => {
      server.route('/hang-text', { status: 200, fault: 'no-response', holdMs: 10_000 });
      const timedOut = await Promise.all(
        SDK_STYLES.map((style) =>
          capture(send({ url: `${server.url}/hang-text`, options: { style, retry: false }, timeoutMs: 200 })),
        ),
      );
      const aborted = await Promise.all(
        SDK_STYLES.map((style) => {
          const controller = new AbortController();
          setTimeout(() => {
            controller.abort();
          }, 100);
          return capture(
            send({ url: `${server.url}/hang-text`, options: { style, retry: false }, signal: controller.signal }),
          );
        }),
      );
      for (const [errors, transportCode, says, saysNot] of [
        [timedOut, 'Timeout', /time[ds]? ?out/i, /abort|cancel/i],
        [aborted, 'Aborted', /abort/i, /time[ds]? ?out/i],
      ] as const) {
        errors.forEach((error, index) => {
          const style = SDK_STYLES[index];
          if (!isBceClientError(error)) throw new Error(`${style}: expected a BceClientError, got ${String(error)}`);
          expect(error.transportCode).toBe(transportCode);
          const text = error.attemptTexts.at(-1) ?? '';
          expect(text, `${style} ${transportCode}`).toMatch(says);
          expect(text, `${style} ${transportCode}`).not.toMatch(saysNot);
          // The cause text each style prints: go after `error: `, python after the transport code, java in the cause.
          if (style === 'go')
            expect(error.message).toBe(`execute http request failed! Retried 0 times, error: ${text}`);
          if (style === 'python') expect(error.message).toContain(`\n>>>>${transportCode}: ${text}`);
          if (style === 'java') expect(error.message).toBe('Unable to execute HTTP request');
          expect(error.cause instanceof Error && error.cause.message).toMatch(says);
          // The request the error belongs to, as a property: the message format stays the SDK's.
          expect(error.request).toEqual({ method: 'GET', url: `${server.url}/hang-text` });
          expect(error.message).not.toContain('/hang-text');
        });
      }
    });

    it('a caller abort is never retried, in any style', async () => {
      for (const style of SDK_STYLES) {
        const path = `/abort/${style}`;
        server.route(path, { status: 200, fault: 'no-response', holdMs: 10_000 });
        const controller = new AbortController();
        setTimeout(() => {
          controller.abort();
        }, 100);
        const error = await capture(
          send({ url: `${server.url}${path}`, options: { style }, signal: controller.signal }),
        );
        expect(isBceClientError(error) && error.transportCode).toBe('Aborted');
        expect(isBceClientError(error) && error.retries).toBe(0);
        expect(server.requests(path)).toHaveLength(1);
      }
    });

    it('an error body cut short is a MalformedJSON service error (P7)', async () => {
      server.route('/cut', {
        status: 404,
        headers: { 'content-type': 'application/json', 'x-bce-request-id': 'cut-1' },
        body: '{"code":"NoSuchKey","message":"The specified key does not exist.","requestId":"cut-1"}',
        cutAfterBytes: 20,
      });
      const error = await capture(send({ url: `${server.url}/cut`, options: noRetry }));
      expect(isBceServiceError(error) && [error.code, error.statusCode, error.requestId]).toEqual([
        'MalformedJSON',
        404,
        'cut-1',
      ]);
    });
  });

  describe(`${label}: retries, request ids and bodies`, () => {
    it('never replays a one-shot stream body', async () => {
      server.route('/stream-body', { status: 503, body: '' });
      const error = await capture(
        send({ url: `${server.url}/stream-body`, method: 'POST', body: { kind: 'one-shot-stream', text: 'payload' } }),
      );
      expect(isBceServiceError(error) && error.code).toBe('ServiceUnavailable');
      expect(server.requests('/stream-body')).toHaveLength(1);
    });

    it('replays a text body on a retried status', async () => {
      server.route('/text-body', [
        { status: 503, body: '' },
        { status: 200, body: 'ok' },
      ]);
      const response = await send({
        url: `${server.url}/text-body`,
        method: 'POST',
        body: { kind: 'text', text: 'payload' },
      });
      expect(response.status).toBe(200);
      expect(server.requests('/text-body').map((request) => request.bodyBytes)).toEqual([7, 7]);
    });

    it('java style does not retry a request with a body (R), unless retryRequestsWithBody', async () => {
      const quick = { delayMs: () => 1 };
      server.route('/java-body', { status: 503, body: '' });
      const error = await capture(
        send({
          url: `${server.url}/java-body`,
          method: 'PUT',
          options: { style: 'java', retry: quick },
          body: { kind: 'text', text: 'payload' },
        }),
      );
      expect(isBceServiceError(error) && [error.code, error.retries]).toEqual(['ServiceUnavailable', 0]);
      expect(server.requests('/java-body')).toHaveLength(1);

      server.route('/java-no-body', { status: 503, body: '' });
      await capture(send({ url: `${server.url}/java-no-body`, options: { style: 'java', retry: quick } }));
      expect(server.requests('/java-no-body')).toHaveLength(4);

      server.route('/java-body-opt-in', [
        { status: 503, body: '' },
        { status: 200, body: 'ok' },
      ]);
      const response = await send({
        url: `${server.url}/java-body-opt-in`,
        method: 'PUT',
        options: { style: 'java', retry: quick, retryRequestsWithBody: true },
        body: { kind: 'text', text: 'payload' },
      });
      expect(response.status).toBe(200);
      expect(server.requests('/java-body-opt-in').map((request) => request.bodyBytes)).toEqual([7, 7]);
    });

    it('go style sends one fresh UUIDv4 x-bce-request-id when the caller set none; other styles send none', async () => {
      const ids: Partial<Record<SdkStyle, unknown>> = {};
      for (const style of SDK_STYLES) {
        server.route(`/id/${style}`, { status: 200, body: 'ok' });
        await send({ url: `${server.url}/id/${style}`, options: { style } });
        ids[style] = server.requests(`/id/${style}`)[0]?.headers['x-bce-request-id'];
      }
      expect(ids.go).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(ids.java).toBeUndefined();
      expect(ids.python).toBeUndefined();
    });

    it("keeps the caller's x-bce-request-id and reports it on a client error", async () => {
      server.route('/own-id', { status: 200, body: 'ok' });
      await send({ url: `${server.url}/own-id`, headers: { 'x-bce-request-id': 'caller-id-1' } });
      expect(server.requests('/own-id')[0]?.headers['x-bce-request-id']).toBe('caller-id-1');
      const error = await capture(
        send({
          url: `${refusedUrl}/own-id`,
          headers: { 'x-bce-request-id': 'caller-id-2' },
          options: { retry: false },
        }),
      );
      expect(isBceClientError(error) && error.sentRequestId).toBe('caller-id-2');
    });

    it('passes a success through with its body', async () => {
      server.route('/ok', { status: 200, headers: { 'content-type': 'application/json' }, body: '{"result":"ok"}' });
      const response = await send({ url: `${server.url}/ok` });
      expect(response).toEqual({ status: 200, bodyText: '{"result":"ok"}' });
    });

    it('decodes a gzip error body (P8)', async () => {
      server.route('/gzip', { ...BCE_NOT_FOUND, gzip: true });
      const error = await capture(send({ url: `${server.url}/gzip` }));
      expect(isBceServiceError(error) && [error.code, error.requestId]).toEqual(['NoSuchKey', 'suite-404']);
    });

    it('decodes an error body of stacked encodings in reverse order, as fetch does (P9, X)', async () => {
      const json = Buffer.from('{"code":"NoSuchKey","message":"gone","requestId":"stacked-body"}');
      const encode = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };
      const found: unknown[] = [];
      for (const header of ['gzip, br', 'deflate, gzip', 'gzip,gzip']) {
        // The header lists the encodings in the order the server applied them.
        const body = header.split(',').reduce((bytes, name) => encode[name.trim() as keyof typeof encode](bytes), json);
        const path = `/stacked/${encodeURIComponent(header)}`;
        server.route(path, {
          status: 404,
          headers: { 'content-encoding': header, 'x-bce-request-id': 'stacked-header' },
          body,
        });
        const error = await capture(send({ url: `${server.url}${path}`, options: { retry: false } }));
        found.push(isBceServiceError(error) ? [header, error.code, error.requestId] : error);
      }
      expect(found).toEqual([
        ['gzip, br', 'NoSuchKey', 'stacked-body'],
        ['deflate, gzip', 'NoSuchKey', 'stacked-body'],
        ['gzip,gzip', 'NoSuchKey', 'stacked-body'],
      ]);
    });

    it('six stacked encodings: axios and got keep the raw bytes (MalformedJSON); fetch refuses the response', async () => {
      // Node's fetch (undici) rejects a list of more than 5 encodings before the status is visible, so the fetch
      // adapter has only a client error to give; docs/compatibility.md lists this difference between the clients.
      const body = [1, 2, 3, 4, 5, 6].reduce(
        (bytes) => gzipSync(bytes),
        Buffer.from('{"code":"NoSuchKey","message":"gone","requestId":"six-body"}'),
      );
      server.route('/six-encodings', {
        status: 404,
        headers: { 'content-encoding': 'gzip, gzip, gzip, gzip, gzip, gzip', 'x-bce-request-id': 'six-header' },
        body,
      });
      const error = await capture(send({ url: `${server.url}/six-encodings`, options: { retry: false } }));
      if (driver.name === 'fetch') {
        expect(isBceClientError(error) && [error.transportCode, error.message]).toEqual([
          'Unknown',
          expect.stringContaining('too many content-encodings'),
        ]);
      } else {
        expect(isBceServiceError(error) && [error.statusCode, error.code, error.requestId]).toEqual([
          404,
          'MalformedJSON',
          'six-header',
        ]);
      }
    });

    it('reads at most maxErrorBodyBytes of an error body (P12)', async () => {
      const message = 'x'.repeat(2 * 1024 * 1024);
      server.route('/big', {
        status: 400,
        headers: { 'x-bce-request-id': 'big-1' },
        body: `{"code":"InvalidParameter","message":"${message}","requestId":"big-1"}`,
      });
      const error = await capture(send({ url: `${server.url}/big`, options: { maxErrorBodyBytes: 1024 } }));
      expect(isBceServiceError(error)).toBe(true);
      if (!isBceServiceError(error)) return;
      expect([error.code, error.requestId, error.bodyTruncated]).toEqual(['InvalidParameter', 'big-1', true]);
      expect(error.errorMessage.length).toBeLessThanOrEqual(1024);
    });

    it('stops reading an error body past maxErrorBodyBytes instead of buffering it whole', async () => {
      const totalBytes = 64 * 1024 * 1024;
      const endless = await startEndlessErrorBodyServer(totalBytes);
      try {
        const error = await capture(send({ url: `${endless.url}/endless`, options: { retry: false } }));
        expect(isBceServiceError(error) && [error.code, error.requestId, error.bodyTruncated]).toEqual([
          'InvalidParameter',
          'endless-1',
          true,
        ]);
        expect(isBceServiceError(error) && error.errorMessage.length).toBeLessThanOrEqual(64 * 1024);
        const [sent = totalBytes] = await endless.bytesSent();
        // What the socket buffers took before the client closed it, not the 64 MiB a buffering client reads.
        expect(sent).toBeLessThan(totalBytes / 4);
      } finally {
        await endless.close();
      }
    });

    it('rejects with nothing but BceError for a 404 (no raw client error escapes)', async () => {
      server.route('/plain-404', BCE_NOT_FOUND);
      const error = await capture(send({ url: `${server.url}/plain-404` }));
      expect(isBceError(error)).toBe(true);
      expect(JSON.stringify(error)).toContain('"code":"NoSuchKey"');
    });
  });

  describe(`${label}: suite bookkeeping`, () => {
    it('checked every (scenario, style) pair', () => {
      expect(checkedPairs).toBe(outcomes.length);
      console.log(`${label}: ${String(checkedPairs)} (scenario, style) pairs checked through the real client`);
    });
  });
}
