import { inspect } from 'node:util';
import { isBceError, SDK_STYLES, type SdkStyle } from '@bce-errors/core';
import { startMockServer, unusedPortUrl, type MockServer } from '@bce-errors/mock-server';
import axios from 'axios';
import got from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, createClient, type AdapterName } from './support/drivers.js';
import { causeChain, pinoStyle, reachable, renderOne, safeStringify } from './support/serialise.js';
import { inBatches, settleWithin, watchUnhandled } from './support/settle.js';

/** The markers: if any of them shows up in any rendering of an error, a credential leaked. */
const SECRETS = ['SECRETSIG', 'SECRETTOKEN', 'SECRETCOOKIE', 'SECRETQUERY'] as const;
const CREDENTIAL_HEADERS = {
  Authorization: 'bce-auth-v1/ak/2024-01-01T00:00:00Z/1800/host/SECRETSIG',
  'x-bce-security-token': 'SECRETTOKEN',
  Cookie: 'session=SECRETCOOKIE',
};
const PRESIGNED_QUERY = '?authorization=bce-auth-v1%2FSECRETQUERY';
// Only the timeout kind must reach the client's timeout; every other kind gets one it never reaches on a loaded
// machine (a reset that took longer than 300 ms under two concurrent suites was reported as a Timeout).
const TIMEOUT_MS = 300;
const UNREACHED_TIMEOUT_MS = 5_000;

const FAILURE_KINDS = ['404', '500', 'connection refused', 'reset', 'timeout', 'caller abort'] as const;
type FailureKind = (typeof FAILURE_KINDS)[number];

/** Every way a logger or a console renders an error, each a list of texts to search. */
const SERIALISATIONS: readonly (readonly [string, (error: unknown) => string[]])[] = [
  ['message', (error) => [String((error as { message?: unknown }).message)]],
  ['stack', (error) => [String((error as Error).stack)]],
  ['String(e)', (error) => [String(error)]],
  ['JSON.stringify(e)', (error) => [safeStringify(error)]],
  [
    'util.inspect(e, {depth: Infinity, showHidden: true})',
    (error) => [inspect(error, { depth: Infinity, showHidden: true })],
  ],
  ['pino-style own and inherited enumerable properties', (error) => [pinoStyle(error)]],
  ['each error of the cause chain, rendered all of the above ways', (error) => causeChain(error).flatMap(renderOne)],
  [
    'every string reachable through own properties (raw axios/got errors included)',
    (error) => reachable(error).strings,
  ],
];

function leaks(texts: readonly string[]): string[] {
  return SECRETS.filter((secret) => texts.some((text) => text.includes(secret)));
}

describe('credential-leak audit: every adapter x style x failure x serialisation', () => {
  let server: MockServer;
  let refusedUrl: string;
  const unhandled = watchUnhandled();

  beforeAll(async () => {
    server = await startMockServer();
    refusedUrl = await unusedPortUrl();
    server.route('/leak/404', {
      status: 404,
      headers: { 'content-type': 'application/json', 'x-bce-request-id': 'leak-404' },
      body: '{"code":"NoSuchKey","message":"The specified key does not exist.","requestId":"leak-404"}',
    });
    // A server (or proxy) that echoes the request's credentials into its error message, as Java SDK >= 0.10.427's
    // header dump would.
    server.route('/leak/500', {
      status: 500,
      headers: { 'x-bce-request-id': 'leak-500' },
      body: JSON.stringify({
        code: 'InternalError',
        message: `headers: Authorization: ${CREDENTIAL_HEADERS.Authorization}\nx-bce-security-token: SECRETTOKEN\nCookie: session=SECRETCOOKIE\nurl: /leak/500${PRESIGNED_QUERY}`,
        requestId: 'leak-500',
      }),
    });
    server.route('/leak/reset', { status: 200, fault: 'reset' });
    server.route('/leak/timeout', { status: 200, fault: 'no-response', holdMs: 5_000 });
    server.route('/leak/abort', { status: 200, fault: 'no-response', holdMs: 5_000 });
    unhandled.start();
  });
  afterAll(async () => {
    unhandled.stop();
    await server.close();
  });

  it('the scanner finds the secrets in raw axios and got errors (so the audit can fail)', async () => {
    const rawAxios = await axios.get(`${server.url}/leak/404${PRESIGNED_QUERY}`, { headers: CREDENTIAL_HEADERS }).then(
      () => undefined,
      (error: unknown) => error,
    );
    const rawGot = await got(`${server.url}/leak/404${PRESIGNED_QUERY}`, {
      headers: CREDENTIAL_HEADERS,
      retry: { limit: 0 },
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    for (const raw of [rawAxios, rawGot]) {
      expect(leaks(reachable(raw).strings)).toEqual(
        expect.arrayContaining(['SECRETSIG', 'SECRETTOKEN', 'SECRETCOOKIE']),
      );
      expect(leaks([inspect(raw, { depth: Infinity, showHidden: true })]).length).toBeGreaterThan(0);
      expect(reachable(raw).rawClientErrors).toBeGreaterThan(0);
    }
  });

  it('no secret marker in any rendering of any resulting error', async () => {
    const cases = ADAPTERS.flatMap((adapter) =>
      SDK_STYLES.flatMap((style) => FAILURE_KINDS.map((kind) => ({ adapter, style, kind }))),
    );
    const findings: string[] = [];
    const outcomes = new Map<string, number>();
    let checks = 0;
    let rawClientErrorsReachable = 0;

    await inBatches(
      cases,
      18,
      async ({ adapter, style, kind }: { adapter: AdapterName; style: SdkStyle; kind: FailureKind }) => {
        const client = createClient(adapter, {
          options: { style, retry: { delayMs: () => 1 } },
          timeoutMs: kind === 'timeout' ? TIMEOUT_MS : UNREACHED_TIMEOUT_MS,
        });
        const path = {
          '404': '/leak/404',
          '500': '/leak/500',
          'connection refused': '/leak/refused',
          reset: '/leak/reset',
          timeout: '/leak/timeout',
          'caller abort': '/leak/abort',
        }[kind];
        const base = kind === 'connection refused' ? refusedUrl : server.url;
        const controller = new AbortController();
        if (kind === 'caller abort')
          setTimeout(() => {
            controller.abort();
          }, 100);
        const settled = await settleWithin(
          client.send({
            url: `${base}${path}${PRESIGNED_QUERY}`,
            headers: { ...CREDENTIAL_HEADERS },
            signal: controller.signal,
          }),
          10_000,
        );
        await client.close();
        const label = `${adapter} ${style} ${kind}`;
        if (settled.kind !== 'rejected' || !isBceError(settled.error)) {
          findings.push(`${label}: expected a BceError, got ${settled.kind}`);
          return;
        }
        const error = settled.error;
        const outcome = `${error.name}${'transportCode' in error ? ` ${String(error.transportCode)}` : ''}`;
        outcomes.set(`${kind}: ${outcome}`, (outcomes.get(`${kind}: ${outcome}`) ?? 0) + 1);
        rawClientErrorsReachable += reachable(error).rawClientErrors;
        for (const [name, render] of SERIALISATIONS) {
          checks += 1;
          const leaked = leaks(render(error));
          if (leaked.length > 0) findings.push(`${label}, ${name}: ${leaked.join(', ')}`);
        }
      },
    );

    const expected = ADAPTERS.length * SDK_STYLES.length * FAILURE_KINDS.length * SERIALISATIONS.length;
    console.log(
      `[reliability] credential-leak matrix: ${String(ADAPTERS.length)} adapters x ${String(SDK_STYLES.length)} styles x ${String(FAILURE_KINDS.length)} failure kinds x ${String(SERIALISATIONS.length)} serialisations = ${String(expected)} checks; performed ${String(checks)}; raw axios/got errors reachable: ${String(rawClientErrorsReachable)}`,
    );
    console.log(`[reliability] credential-leak outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`);
    expect(findings).toStrictEqual([]);
    expect(checks).toBe(expected);
    // The requests really carried the credentials: the server saw them on every path it answered.
    for (const path of ['/leak/404', '/leak/500', '/leak/reset', '/leak/timeout', '/leak/abort']) {
      const seen = server.requests(path);
      expect(seen.length).toBeGreaterThanOrEqual(ADAPTERS.length * SDK_STYLES.length);
      for (const request of seen) {
        expect(String(request.headers.authorization)).toContain('SECRETSIG');
        expect(String(request.headers['x-bce-security-token'])).toBe('SECRETTOKEN');
        expect(String(request.headers.cookie)).toContain('SECRETCOOKIE');
      }
    }
    // Each failure kind ended as the kind of error it is.
    for (const [key] of outcomes) {
      if (key.startsWith('404') || key.startsWith('500')) expect(key).toMatch(/BceServiceError$/);
      if (key.startsWith('connection refused')) expect(key).toMatch(/ConnectionRefused$/);
      if (key.startsWith('reset')) expect(key).toMatch(/ConnectionReset$/);
      if (key.startsWith('timeout')) expect(key).toMatch(/ Timeout$/);
      if (key.startsWith('caller abort')) expect(key).toMatch(/Aborted$/);
    }
    expect(unhandled.seen).toStrictEqual([]);
  });
});
