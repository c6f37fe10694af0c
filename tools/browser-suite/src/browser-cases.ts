import { SDK_STYLES, type SdkStyle } from '@bce-errors/core';
import type { CorsPolicy } from './cors-policy.js';
import type { ApiAnswer } from './error-api.js';
import type { BrowserAdapter, ScenarioResult } from './scenario.js';

/** The page's two origins: Chromium's secure `http://127.0.0.1` and a non-secure host name on 127.0.0.2. */
export type PageOrigin = 'secure' | 'insecure';

/** What the page should get back and what the API should have seen. */
export interface BrowserExpectation {
  result: Partial<ScenarioResult>;
  /** Non-preflight requests that reached the API. */
  requests?: number;
  /** Preflights that reached the API. */
  preflights?: number;
  /** The request id is a UUIDv4 the client generated, and the one the API received. */
  generatedRequestId?: boolean;
  /** The client error's `sentRequestId` is a UUIDv4 the client generated. */
  generatedSentRequestId?: boolean;
  /** The message stays within the error-body bound (P12), whatever the body's size. */
  boundedMessage?: boolean;
}

/** One request in the page, with its expectation. */
export interface BrowserCase {
  name: string;
  origin: PageOrigin;
  adapter: BrowserAdapter;
  style: SdkStyle;
  /** `undefined` for a refused port. */
  policy: CorsPolicy | undefined;
  answer: ApiAnswer | undefined;
  requestId?: boolean;
  timeoutMs?: number;
  /** The test aborts the request once the API has seen it (see `ScenarioRequest.abortable`). */
  abortOnArrival?: boolean;
  expected: BrowserExpectation;
}

type CaseTemplate = Omit<BrowserCase, 'origin' | 'adapter' | 'style' | 'expected'> & {
  expected: (style: SdkStyle) => BrowserExpectation;
};

const service = (statusCode: number, code: string, requestId: string, attempts: number): BrowserExpectation => ({
  result: { name: 'BceServiceError', isBceError: true, statusCode, code, requestId, retries: attempts - 1 },
  requests: attempts,
});

const ALL_RETRIED = 4;

/** The scenarios of issue 15, each in every style, adapter and origin. */
const TEMPLATES: readonly CaseTemplate[] = [
  {
    name: '404 with the request id header exposed',
    policy: 'open',
    answer: 'not-found',
    expected: () => service(404, 'NoSuchKey', 'req-404', 1),
  },
  {
    // The header is there, the page cannot see it: the request id is '' (contract X), the rest is the same.
    name: '404 without Access-Control-Expose-Headers',
    policy: 'no-expose',
    answer: 'not-found',
    expected: () => service(404, 'NoSuchKey', '', 1),
  },
  {
    name: '403 with the request id in the body, headers not exposed',
    policy: 'no-expose',
    answer: 'forbidden',
    expected: () => service(403, 'AccessDenied', 'body-403', 1),
  },
  {
    name: '503 retried',
    policy: 'open',
    answer: 'unavailable',
    expected: () => service(503, 'ServiceUnavailable', 'req-503', ALL_RETRIED),
  },
  {
    name: '502 with an HTML body',
    policy: 'open',
    answer: 'bad-gateway-html',
    expected: (style) => {
      const attempts = style === 'python' ? 1 : ALL_RETRIED;
      return { result: { name: 'BceServiceError', statusCode: 502, retries: attempts - 1 }, requests: attempts };
    },
  },
  {
    name: 'gzip 500',
    policy: 'open',
    answer: 'gzip-internal',
    expected: () => service(500, 'InternalError', 'req-500', ALL_RETRIED),
  },
  {
    name: '2 MiB error body bounded',
    policy: 'open',
    answer: 'huge-body',
    expected: () => ({
      result: { name: 'BceServiceError', statusCode: 400, requestId: 'req-huge', retries: 0 },
      requests: 1,
      boundedMessage: true,
    }),
  },
  {
    name: 'refused port',
    policy: undefined,
    answer: undefined,
    expected: () => ({ result: { name: 'BceClientError', transportCode: 'NetworkError', retries: 3 } }),
  },
  {
    name: 'timeout',
    policy: 'open',
    answer: 'hang',
    timeoutMs: 1000,
    expected: (style) => {
      // Go does not retry the caller's timeout; Java and Python retry every transport failure.
      const attempts = style === 'go' ? 1 : ALL_RETRIED;
      return {
        result: { name: 'BceClientError', transportCode: 'Timeout', retries: attempts - 1 },
        requests: attempts,
      };
    },
  },
  {
    name: 'abort',
    policy: 'open',
    answer: 'hang',
    abortOnArrival: true,
    expected: () => ({ result: { name: 'BceClientError', transportCode: 'Aborted', retries: 0 }, requests: 1 }),
  },
  {
    // The request reaches the API (a simple GET), the browser blocks the response: the page learns nothing.
    name: 'CORS failure (no CORS headers)',
    policy: 'none',
    answer: 'not-found',
    expected: () => ({
      result: { name: 'BceClientError', transportCode: 'NetworkError', retries: 3 },
      requests: ALL_RETRIED,
      preflights: 0,
    }),
  },
  {
    // Issue 15: go style used to send x-bce-request-id by default, so only a preflight went out and failed.
    name: 'API that does not allow x-bce-request-id, default options',
    policy: 'no-request-id-header',
    answer: 'echo-request-id',
    expected: () => ({
      ...service(404, 'NoSuchKey', 'none-sent', 1),
      preflights: 0,
    }),
  },
  {
    name: 'API that does not allow x-bce-request-id, requestId: true',
    policy: 'no-request-id-header',
    answer: 'echo-request-id',
    requestId: true,
    expected: () => ({
      result: { name: 'BceClientError', transportCode: 'NetworkError', retries: 3 },
      requests: 0,
      preflights: ALL_RETRIED,
      generatedSentRequestId: true,
    }),
  },
  {
    // Generated without crypto.randomUUID on the non-secure origin.
    name: 'requestId: true against an API that allows it',
    policy: 'open',
    answer: 'echo-request-id',
    requestId: true,
    expected: () => ({
      result: { name: 'BceServiceError', statusCode: 404, code: 'NoSuchKey', retries: 0 },
      requests: 1,
      preflights: 1,
      generatedRequestId: true,
    }),
  },
];

const ADAPTERS: readonly BrowserAdapter[] = ['fetch', 'axios'];
const ORIGINS: readonly PageOrigin[] = ['secure', 'insecure'];

/** Every scenario in every origin, adapter and style. */
export function browserCases(): BrowserCase[] {
  const cases: BrowserCase[] = [];
  for (const origin of ORIGINS) {
    for (const adapter of ADAPTERS) {
      for (const style of SDK_STYLES) {
        for (const { expected, ...template } of TEMPLATES) {
          cases.push({
            ...template,
            origin,
            adapter,
            style,
            expected: expected(style),
          });
        }
      }
    }
  }
  return cases;
}
