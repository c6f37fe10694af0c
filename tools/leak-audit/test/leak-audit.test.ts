import { isBceError, isBceServiceError, SDK_STYLES, type SdkStyle } from '@bce-errors/core';
import { startMockServer, unusedPortUrl, type MockServer } from '@bce-errors/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDITED_CLIENTS, sendThrough, type AuditedClient, type AuditOutcome } from './support/audit-clients.js';
import { caseUrl, FAILURE_KINDS, failureSetup, type FailureKind } from './support/failure-cases.js';
import { walkProperties } from './support/property-walk.js';
import { RENDERINGS } from './support/renderings.js';
import { formatFinding, scanTexts } from './support/scan.js';
import { ALL_SECRETS, SECRETS } from './support/secret-corpus.js';

/** 1 ms retry delays (and a short timeout for the timeout kind): the matrix stays well under a minute on 2 cores. */
const RETRY = { maxRetries: 2, delayMs: () => 1 };
/** A request still pending after this long has hung (the audit reports it and goes on). */
const HANG_BOUND_MS = 15_000;
const IN_FLIGHT = 12;

interface AuditCase {
  readonly client: AuditedClient;
  readonly style: SdkStyle;
  readonly kind: FailureKind;
  readonly path: string;
}

const CASES: readonly AuditCase[] = AUDITED_CLIENTS.flatMap((client) =>
  SDK_STYLES.flatMap((style) =>
    FAILURE_KINDS.map((kind) => ({
      client,
      style,
      kind,
      path: `/audit/${client.replace(' ', '-')}/${style}/${kind.replace(/[^a-z0-9]+/giu, '-')}`,
    })),
  ),
);

type Settled = AuditOutcome | { readonly kind: 'hung' };

async function settleWithin(promise: Promise<AuditOutcome>, boundMs: number): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => {
      resolve({ kind: 'hung' });
    }, boundMs);
  });
  try {
    return await Promise.race([promise, hung]);
  } finally {
    clearTimeout(timer);
  }
}

function outcomeName(settled: Settled | undefined): string {
  if (settled === undefined) return 'not run';
  if (settled.kind !== 'rejected') return settled.kind;
  const { error } = settled;
  if (!isBceError(error)) {
    const name = (error as { name?: unknown } | null)?.name;
    return `raw ${typeof name === 'string' ? name : typeof error}`;
  }
  const detail = isBceServiceError(error)
    ? `${String(error.statusCode)} ${error.code}`
    : String((error as { transportCode?: unknown }).transportCode);
  return `${error.name} ${detail}`;
}

describe('leak audit: every client x style x failure kind, 14 renderings, every secret of the corpus', () => {
  let server: MockServer;
  const outcomes = new Map<AuditCase, Settled>();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  let scans = 0;

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    server = await startMockServer();
    const refusedUrl = await unusedPortUrl();
    for (const auditCase of CASES) {
      const { script } = failureSetup(auditCase.kind);
      if (script !== undefined) server.route(auditCase.path, script);
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < CASES.length) {
        const auditCase = CASES[next];
        next += 1;
        if (auditCase === undefined) break;
        const setup = failureSetup(auditCase.kind);
        const controller = new AbortController();
        const abortTimer =
          setup.abortAfterMs === undefined
            ? undefined
            : setTimeout(() => {
                controller.abort();
              }, setup.abortAfterMs);
        const base = setup.target === 'refused' ? refusedUrl : server.url;
        const settled = await settleWithin(
          sendThrough(
            auditCase.client,
            { url: caseUrl(base, auditCase.path, setup), headers: setup.headers, signal: controller.signal },
            { options: { style: auditCase.style, retry: RETRY }, timeoutMs: setup.timeoutMs },
          ),
          HANG_BOUND_MS,
        );
        clearTimeout(abortTimer);
        outcomes.set(auditCase, settled);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    await server.close();
  });

  function rejection(auditCase: AuditCase): unknown {
    const settled = outcomes.get(auditCase);
    if (settled?.kind !== 'rejected') throw new Error(`no error to render: the request ${outcomeName(settled)}`);
    return settled.error;
  }

  for (const client of AUDITED_CLIENTS) {
    describe(client, () => {
      for (const style of SDK_STYLES) {
        describe(`${style} style`, () => {
          for (const kind of FAILURE_KINDS) {
            describe(kind, () => {
              const auditCase = CASES.find(
                (candidate) => candidate.client === client && candidate.style === style && candidate.kind === kind,
              );
              if (auditCase === undefined) throw new Error(`no case for ${client} ${style} ${kind}`);

              it('ends as a BceError (not a success, a raw client error or a hang)', () => {
                expect(outcomeName(outcomes.get(auditCase))).toMatch(/^Bce(Service|Client)Error /u);
              });

              it('reaches no raw axios or got error through any property', () => {
                expect(walkProperties(rejection(auditCase)).rawClientErrors).toStrictEqual([]);
              });

              for (const rendering of RENDERINGS) {
                it(`${rendering.name}: no secret`, async () => {
                  const texts = await rendering.render(rejection(auditCase));
                  scans += 1;
                  const found = scanTexts(texts, ALL_SECRETS).map(formatFinding);
                  expect(found, `secrets found:\n${found.join('\n')}\n`).toStrictEqual([]);
                });
              }
            });
          }
        });
      }
    });
  }

  it('scanned every rendering of every case (the counts)', () => {
    const expected = RENDERINGS.length * FAILURE_KINDS.length * AUDITED_CLIENTS.length * SDK_STYLES.length;
    const tally = new Map<string, number>();
    for (const auditCase of CASES) {
      const key = `${auditCase.kind}, ${auditCase.client}: ${outcomeName(outcomes.get(auditCase))}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    console.log(
      `[leak-audit] ${String(RENDERINGS.length)} renderings x ${String(FAILURE_KINDS.length)} failure kinds x ${String(AUDITED_CLIENTS.length)} clients x ${String(SDK_STYLES.length)} styles = ${String(expected)} scans for ${String(ALL_SECRETS.length)} secrets; performed ${String(scans)}`,
    );
    console.log(`[leak-audit] outcomes: ${JSON.stringify(Object.fromEntries([...tally].sort()))}`);
    expect(scans).toBe(expected);
    expect(outcomes.size).toBe(CASES.length);
  });

  it('the requests really carried the secrets: the server saw them on every path it answered', () => {
    let checked = 0;
    for (const auditCase of CASES) {
      const setup = failureSetup(auditCase.kind);
      // Never sent (refused, refused by the client itself) or sent with the URL's userinfo as Authorization.
      if (setup.target === 'refused' || setup.userinfo || auditCase.kind === 'invalid header value') continue;
      const seen = server.requests(auditCase.path);
      expect(seen.length, auditCase.path).toBeGreaterThanOrEqual(1);
      for (const request of seen) {
        checked += 1;
        expect(String(request.headers.authorization)).toContain(SECRETS.authorizationSignature.value);
        expect(request.headers['x-bce-security-token']).toBe(SECRETS.securityToken.value);
        expect(String(request.headers.cookie)).toContain(SECRETS.cookie.value);
        expect(String(request.headers['proxy-authorization'])).toContain(SECRETS.proxyAuthorization.value);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('no unhandled rejection or uncaught exception', () => {
    expect(unhandled.map(String)).toStrictEqual([]);
  });
});
