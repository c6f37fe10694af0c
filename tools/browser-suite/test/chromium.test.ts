import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserCases, type BrowserCase, type PageOrigin } from '../src/browser-cases.js';
import { bundlePage } from '../src/bundle-page.js';
import { startErrorApi, type ErrorApi } from '../src/error-api.js';
import { CHROMIUM_PATH, chromiumInstalled, launchChromium, type LaunchedChromium } from '../src/launch-chromium.js';
import { startPageServer, type PageServer } from '../src/page-server.js';
import type { BrowserSuiteApi, ScenarioRequest, ScenarioResult } from '../src/scenario.js';

// RFC 4122 version 4, variant 10xx.
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// maxErrorBodyBytes' default plus the few characters a style adds around the server's message.
const MESSAGE_BOUND = 65_536 + 400;

interface PageEnvironment {
  isSecureContext: boolean;
  hasRandomUUID: boolean;
  unhandledRejections: string[];
}

const cases = browserCases();
const results = new Map<BrowserCase, ScenarioResult>();
const environments = new Map<PageOrigin, PageEnvironment>();
const pages = new Map<PageOrigin, Page>();
let api: ErrorApi | undefined;
let pageServer: PageServer | undefined;
let chromium: LaunchedChromium | undefined;
let refusedOrigin = '';

async function unusedOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return `http://127.0.0.1:${port}`;
}

function keyOf(testCase: BrowserCase): string {
  return `${testCase.origin}-${testCase.adapter}-${testCase.style}-${String(cases.indexOf(testCase))}`;
}

// Each hanging case (timeout, abort) on a port of its own, the rest on the first one.
const hangingCases = cases.filter((testCase) => testCase.answer === 'hang');

function apiOriginOf(testCase: BrowserCase, origins: readonly string[]): string {
  return origins[hangingCases.indexOf(testCase) + 1] ?? origins[0] ?? '';
}

function requestOf(testCase: BrowserCase, apiOrigin: string): ScenarioRequest {
  const url =
    testCase.policy === undefined || testCase.answer === undefined
      ? `${refusedOrigin}/refused`
      : `${apiOrigin}/${testCase.policy}/${testCase.answer}?key=${keyOf(testCase)}`;
  return {
    adapter: testCase.adapter,
    style: testCase.style,
    url,
    ...(testCase.requestId === undefined ? {} : { requestId: testCase.requestId }),
    ...(testCase.timeoutMs === undefined ? {} : { timeoutMs: testCase.timeoutMs }),
    ...(testCase.abortOnArrival === true ? { abortable: true } : {}),
  };
}

// Far less than the API's hang limit (10 s), far more than a request takes to reach it.
const ARRIVAL_LIMIT_MS = 5000;

async function runInPage(page: Page, request: ScenarioRequest, key: string): Promise<ScenarioResult> {
  const result = page.evaluate(
    async (scenario) =>
      await (globalThis as unknown as { bceBrowserSuite: BrowserSuiteApi }).bceBrowserSuite.run(scenario),
    request,
  );
  if (request.abortable === true && api !== undefined) {
    await api.arrival(key, ARRIVAL_LIMIT_MS);
    const aborted = await page.evaluate(
      (url) => (globalThis as unknown as { bceBrowserSuite: BrowserSuiteApi }).bceBrowserSuite.abort(url),
      request.url,
    );
    if (!aborted) throw new Error(`the page had no abortable request to ${request.url} in flight`);
  }
  return await result;
}

async function environmentOf(page: Page): Promise<PageEnvironment> {
  return await page.evaluate(() =>
    (globalThis as unknown as { bceBrowserSuite: BrowserSuiteApi }).bceBrowserSuite.environment(),
  );
}

const installed = chromiumInstalled();
const requireChromium = process.env.CI === 'true';

if (!installed) {
  // Under CI a missing browser is a failure, never a silent skip.
  (requireChromium ? it : it.skip)(
    `Chromium is installed at ${CHROMIUM_PATH} (bash tools/browser-suite/scripts/install-chromium.sh)`,
    () => {
      expect(chromiumInstalled()).toBe(true);
    },
  );
}

describe.skipIf(!installed)('Chromium: the fetch and axios adapters, page and API on different origins', () => {
  beforeAll(async () => {
    const bundle = await bundlePage();
    pageServer = await startPageServer(bundle);
    api = await startErrorApi([pageServer.secureOrigin, pageServer.insecureOrigin], hangingCases.length + 1);
    refusedOrigin = await unusedOrigin();
    chromium = await launchChromium();
    for (const [origin, url] of [
      ['secure', pageServer.secureOrigin],
      ['insecure', pageServer.insecureOrigin],
    ] as const) {
      const page = await chromium.context.newPage();
      page.on('pageerror', (error) => {
        console.error(`[${origin} page] ${error.message}`);
      });
      await page.goto(`${url}/`);
      await page.waitForFunction(() => 'bceBrowserSuite' in globalThis);
      pages.set(origin, page);
    }
    const apiOrigins = api.origins;
    await Promise.all(
      cases.map(async (testCase) => {
        const page = pages.get(testCase.origin);
        if (page === undefined) throw new Error(`no page for ${testCase.origin}`);
        const request = requestOf(testCase, apiOriginOf(testCase, apiOrigins));
        results.set(testCase, await runInPage(page, request, keyOf(testCase)));
      }),
    );
    for (const [origin, page] of pages) environments.set(origin, await environmentOf(page));
  });

  afterAll(async () => {
    await chromium?.close();
    await api?.close();
    await pageServer?.close();
  });

  it('the secure page is a secure context with crypto.randomUUID', () => {
    expect(environments.get('secure')).toMatchObject({ isSecureContext: true, hasRandomUUID: true });
  });

  it('the non-secure page (bce-page.test on 127.0.0.2) is not a secure context and has no crypto.randomUUID', () => {
    expect(environments.get('insecure')).toMatchObject({ isSecureContext: false, hasRandomUUID: false });
  });

  it('no page saw an unhandled rejection', () => {
    expect(environments.get('secure')?.unhandledRejections).toEqual([]);
    expect(environments.get('insecure')?.unhandledRejections).toEqual([]);
  });

  function checkCase(testCase: BrowserCase): void {
    const result = results.get(testCase);
    expect(result, 'the page returned a result').toBeDefined();
    if (result === undefined || api === undefined) return;
    const { expected } = testCase;
    expect(result.isBceError, `a BceError, not ${result.name}: ${result.messageStart}`).toBe(true);
    expect(result).toMatchObject(expected.result);
    const count = api.count(keyOf(testCase));
    if (expected.requests !== undefined)
      expect(count.requests, 'requests that reached the API').toBe(expected.requests);
    if (expected.preflights !== undefined) expect(count.preflights, 'preflights').toBe(expected.preflights);
    if (expected.boundedMessage === true) expect(result.messageLength).toBeLessThanOrEqual(MESSAGE_BOUND);
    if (expected.generatedRequestId === true) {
      expect(result.requestId).toMatch(UUID_V4);
      expect(count.sentRequestIds).toEqual([result.requestId]);
    }
    if (expected.generatedSentRequestId === true) expect(result.sentRequestId).toMatch(UUID_V4);
  }

  const titled = (testCase: BrowserCase) =>
    [`${testCase.origin} ${testCase.adapter} ${testCase.style}: ${testCase.name}`, testCase] as const;

  it.each(cases.map(titled))('%s', (_name, testCase) => {
    checkCase(testCase);
  });
});
