import { SDK_STYLES, type SdkStyle } from '@bce-errors/core';
import type { SmokeAnswer } from './smoke-api.js';
import type { RuntimeName, SmokeAdapter, SmokeRequest, SmokeResult } from './smoke-scenario.js';

/** What the runtime should get back and how many requests the API should have seen. */
export interface SmokeExpectation {
  result: Partial<SmokeResult>;
  /** Requests that reached the API (none for a refused port). */
  requests?: number;
  /**
   * At least this many requests reached the API: each runtime's own fetch re-sends a GET whose reused keep-alive
   * connection was reset before a response (Deno, Bun and workerd alike, a varying number of times), below the
   * adapter, which counts only its own attempts.
   */
  minimumRequests?: number;
  /** The message stays within the error-body bound (P12), whatever the body's size. */
  boundedMessage?: boolean;
}

/** One request in one runtime, with its expectation. */
export interface SmokeCase {
  name: string;
  runtime: RuntimeName;
  adapter: SmokeAdapter;
  style: SdkStyle;
  /** `undefined` for the refused port. */
  answer: SmokeAnswer | undefined;
  timeoutMs?: number;
  abortAfterMs?: number;
  expected: SmokeExpectation;
}

type CaseTemplate = Omit<SmokeCase, 'runtime' | 'adapter' | 'style' | 'expected'> & {
  expected: (style: SdkStyle, runtime: RuntimeName) => SmokeExpectation;
};

/**
 * The transport code a runtime's failure text supports: Deno prints the operating system's text and Bun names
 * the failure in its code, so both say which; workerd says `Network connection lost.` for a refused connection
 * and a reset alike, no more than a browser.
 */
function detailedCode(runtime: RuntimeName, code: 'ConnectionRefused' | 'ConnectionReset'): string {
  return runtime === 'workerd' ? 'NetworkError' : code;
}

const ALL_RETRIED = 4;
/**
 * Long enough for a request to reach the API first, when every case of a runtime starts at once on a busy
 * machine (at 150 ms some had not arrived yet), so the API's count of a timeout or abort is exact.
 */
const ARRIVAL_MARGIN_MS = 1000;

const service = (statusCode: number, code: string, requestId: string, attempts: number): SmokeExpectation => ({
  result: { name: 'BceServiceError', isBceError: true, statusCode, code, requestId, retries: attempts - 1 },
  requests: attempts,
});

/** The scenarios of issue 15, each in every style and adapter of every runtime. */
const TEMPLATES: readonly CaseTemplate[] = [
  {
    name: '404 JSON',
    answer: 'not-found',
    expected: () => service(404, 'NoSuchKey', 'req-404', 1),
  },
  {
    name: '503 retried, then success',
    answer: 'flaky',
    expected: () => ({ result: { name: 'Response', isBceError: false, statusCode: 200 }, requests: 3 }),
  },
  {
    name: '502 with an HTML body',
    answer: 'bad-gateway-html',
    expected: (style) => {
      // Python retries only 500, 503 and 504 (its SDK's retry set); Go and Java retry every 5xx.
      const attempts = style === 'python' ? 1 : ALL_RETRIED;
      return {
        result: { name: 'BceServiceError', isBceError: true, statusCode: 502, retries: attempts - 1 },
        requests: attempts,
      };
    },
  },
  {
    name: 'gzip 500',
    answer: 'gzip-internal',
    expected: () => service(500, 'InternalError', 'req-500', ALL_RETRIED),
  },
  {
    name: '2 MiB error body bounded',
    answer: 'huge-body',
    expected: () => ({
      result: { name: 'BceServiceError', isBceError: true, statusCode: 400, requestId: 'req-huge', retries: 0 },
      requests: 1,
      boundedMessage: true,
    }),
  },
  {
    name: '20 MiB error body from 20 KB of gzip bounded',
    answer: 'gzip-bomb',
    expected: () => ({
      result: { name: 'BceServiceError', isBceError: true, statusCode: 400, requestId: 'req-bomb', retries: 0 },
      requests: 1,
      boundedMessage: true,
    }),
  },
  {
    name: 'refused port',
    answer: undefined,
    expected: (_style, runtime) => ({
      result: {
        name: 'BceClientError',
        isBceError: true,
        transportCode: detailedCode(runtime, 'ConnectionRefused'),
        retries: ALL_RETRIED - 1,
      },
      requests: 0,
    }),
  },
  {
    name: 'connection reset before a response',
    answer: 'reset',
    expected: (_style, runtime) => ({
      result: {
        name: 'BceClientError',
        isBceError: true,
        transportCode: detailedCode(runtime, 'ConnectionReset'),
        retries: ALL_RETRIED - 1,
      },
      minimumRequests: ALL_RETRIED,
    }),
  },
  {
    name: 'timeout',
    answer: 'hang',
    timeoutMs: ARRIVAL_MARGIN_MS,
    expected: (style) => {
      // Go does not retry the caller's timeout; Java and Python retry every transport failure.
      const attempts = style === 'go' ? 1 : ALL_RETRIED;
      return {
        result: { name: 'BceClientError', isBceError: true, transportCode: 'Timeout', retries: attempts - 1 },
        requests: attempts,
      };
    },
  },
  {
    name: 'caller abort',
    answer: 'hang',
    abortAfterMs: ARRIVAL_MARGIN_MS,
    expected: () => ({
      result: { name: 'BceClientError', isBceError: true, transportCode: 'Aborted', retries: 0 },
      requests: 1,
    }),
  },
];

const ADAPTERS: readonly SmokeAdapter[] = ['fetch', 'axios'];

/** Every scenario in every adapter and style of `runtime`. */
export function smokeCases(runtime: RuntimeName): SmokeCase[] {
  const cases: SmokeCase[] = [];
  for (const adapter of ADAPTERS) {
    for (const style of SDK_STYLES) {
      for (const { expected, ...template } of TEMPLATES) {
        cases.push({
          ...template,
          runtime,
          adapter,
          style,
          expected: expected(style, runtime),
        });
      }
    }
  }
  return cases;
}

/** The case's key: unique across runtimes, safe in a query string. */
export function keyOf(testCase: SmokeCase, index: number): string {
  return `${testCase.runtime}-${testCase.adapter}-${testCase.style}-${String(index)}`;
}

/** The requests of `cases` against the API at `origin`, a refused port at `refusedOrigin`. */
export function planOf(cases: readonly SmokeCase[], origin: string, refusedOrigin: string): SmokeRequest[] {
  return cases.map((testCase, index) => ({
    key: keyOf(testCase, index),
    adapter: testCase.adapter,
    style: testCase.style,
    url:
      testCase.answer === undefined
        ? `${refusedOrigin}/refused?key=${keyOf(testCase, index)}`
        : `${origin}/${testCase.answer}?key=${keyOf(testCase, index)}`,
    ...(testCase.timeoutMs === undefined ? {} : { timeoutMs: testCase.timeoutMs }),
    ...(testCase.abortAfterMs === undefined ? {} : { abortAfterMs: testCase.abortAfterMs }),
  }));
}
