import { startMockServer, unusedPortUrl, type MockServer } from '@bce-errors/mock-server';
import axios, { AxiosError } from 'axios';
import got, { HTTPError, RequestError } from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BceClientError,
  type BceError,
  BceServiceError,
  isBceClientError,
  isBceServiceError,
  SDK_STYLES,
  toBceError,
  type TransportCode,
} from '../../src/index.js';
import { rejectionOf } from '../support/rejection-of.js';

// Raw errors from the real clients (axios 1.x, got 14, Node's undici fetch) against a local server; no adapter.

let server: MockServer;
let refusedUrl: string;
const DNS_FAILURE_URL = 'http://bce-errors-test.invalid/';
const NOT_FOUND_BODY = '{"code":"NoSuchKey","message":"The specified key does not exist.","requestId":"body-req"}';

beforeAll(async () => {
  server = await startMockServer();
  refusedUrl = await unusedPortUrl();
  server.route('/missing', {
    status: 404,
    headers: { 'x-bce-request-id': 'hdr-req', 'x-bce-debug-id': 'dbg' },
    body: NOT_FOUND_BODY,
  });
  server.route('/busy', { status: 503, body: '{"code":"ServiceUnavailable","message":"busy"}' });
  server.route('/html', { status: 502, body: '<html><body>Bad Gateway</body></html>' });
  server.route('/not-modified', { status: 304 });
  server.route('/hang', { status: 200, fault: 'no-response', holdMs: 5000 });
});

afterAll(async () => {
  await server.close();
});

function expectService(error: BceError, status: number, code: string): BceServiceError {
  expect(error).toBeInstanceOf(BceServiceError);
  if (!isBceServiceError(error)) throw new Error('not a service error');
  expect(error.statusCode).toBe(status);
  expect(error.code).toBe(code);
  return error;
}

function expectClient(error: BceError, transportCode: TransportCode): BceClientError {
  expect(error).toBeInstanceOf(BceClientError);
  if (!isBceClientError(error)) throw new Error('not a client error');
  expect(error.transportCode).toBe(transportCode);
  return error;
}

/** Aborts shortly after the request started, so the abort lands while the request is in flight. */
function abortSoon(): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => {
    controller.abort();
  }, 30);
  return controller.signal;
}

describe('axios: raw AxiosError', () => {
  it('404 becomes a BceServiceError with the body fields, in every style', async () => {
    const raw = await rejectionOf(axios.get(`${server.url}/missing`));
    expect(raw).toBeInstanceOf(AxiosError);
    for (const style of SDK_STYLES) {
      const error = expectService(toBceError(raw, { style }), 404, 'NoSuchKey');
      expect([error.errorMessage, error.requestId, error.debugId, error.method, error.style]).toEqual([
        'The specified key does not exist.',
        'body-req',
        'dbg',
        'GET',
        style,
      ]);
    }
  });

  it.each(['arraybuffer', 'text', 'json'] as const)('404 with responseType %s', async (responseType) => {
    const raw = await rejectionOf(axios.get(`${server.url}/missing`, { responseType }));
    expectService(toBceError(raw), 404, 'NoSuchKey');
  });

  it('an HTML 502 is MalformedJSON', async () => {
    const raw = await rejectionOf(axios.get(`${server.url}/html`));
    expectService(toBceError(raw), 502, 'MalformedJSON');
  });

  it('304 (rejected by axios validateStatus) is a service error even in go style, as in the adapter', async () => {
    const raw = await rejectionOf(axios.get(`${server.url}/not-modified`));
    expectService(toBceError(raw, { style: 'go' }), 304, 'NotModified');
  });

  it('refused connection -> ConnectionRefused', async () => {
    const raw = await rejectionOf(axios.get(refusedUrl));
    const error = expectClient(toBceError(raw), 'ConnectionRefused');
    expect(error.message).toMatch(/^execute http request failed! Retried 0 times, error: .*ECONNREFUSED/);
  });

  it('timeout (no response, timeout 100) -> Timeout', async () => {
    const raw = await rejectionOf(axios.get(`${server.url}/hang`, { timeout: 100 }));
    expectClient(toBceError(raw), 'Timeout');
  });

  it('AbortController abort -> Aborted', async () => {
    const raw = await rejectionOf(axios.get(`${server.url}/hang`, { signal: abortSoon() }));
    expectClient(toBceError(raw), 'Aborted');
  });
});

describe('got: raw HTTPError and RequestError', () => {
  const noRetry = { retry: { limit: 0 } } as const;

  it('404 HTTPError becomes a BceServiceError', async () => {
    const raw = await rejectionOf(got(`${server.url}/missing`, noRetry));
    expect(raw).toBeInstanceOf(HTTPError);
    const error = expectService(toBceError(raw, { style: 'java' }), 404, 'NoSuchKey');
    expect(error.message).toBe(
      'The specified key does not exist. (Status Code: 404; Error Code: NoSuchKey; Request ID: body-req)',
    );
    expect(error.method).toBe('GET');
  });

  it('503 HTTPError in python style keeps the retries it is given', async () => {
    const raw = await rejectionOf(got(`${server.url}/busy`, noRetry));
    const error = expectService(toBceError(raw, { style: 'python', retries: 2 }), 503, 'ServiceUnavailable');
    expect([error.message, error.retries, error.errorType]).toEqual(['busy', 2, 'Service']);
  });

  it('a .invalid host -> DnsFailure', async () => {
    const raw = await rejectionOf(got(DNS_FAILURE_URL, noRetry));
    expect(raw).toBeInstanceOf(RequestError);
    expectClient(toBceError(raw), 'DnsFailure');
  });

  it('refused connection -> ConnectionRefused', async () => {
    const raw = await rejectionOf(got(refusedUrl, noRetry));
    expectClient(toBceError(raw), 'ConnectionRefused');
  });

  it('request timeout -> Timeout', async () => {
    const raw = await rejectionOf(got(`${server.url}/hang`, { ...noRetry, timeout: { request: 100 } }));
    expectClient(toBceError(raw), 'Timeout');
  });

  it('AbortController abort -> Aborted', async () => {
    const raw = await rejectionOf(got(`${server.url}/hang`, { ...noRetry, signal: abortSoon() }));
    expectClient(toBceError(raw), 'Aborted');
  });
});

describe('fetch (undici): raw TypeError and DOMException', () => {
  it("'fetch failed' to an unused port -> ConnectionRefused, the cause chain named in the text", async () => {
    const raw = await rejectionOf(fetch(refusedUrl));
    expect(raw).toBeInstanceOf(TypeError);
    expect((raw as Error).message).toBe('fetch failed');
    const error = expectClient(toBceError(raw, { sentRequestId: 'sent-1' }), 'ConnectionRefused');
    expect(error.message).toMatch(/error: fetch failed: .*ECONNREFUSED/);
    expect(error.sentRequestId).toBe('sent-1');
  });

  it('a .invalid host -> DnsFailure', async () => {
    const raw = await rejectionOf(fetch(DNS_FAILURE_URL));
    expectClient(toBceError(raw), 'DnsFailure');
  });

  it('AbortSignal.timeout -> Timeout', async () => {
    const raw = await rejectionOf(fetch(`${server.url}/hang`, { signal: AbortSignal.timeout(100) }));
    expectClient(toBceError(raw), 'Timeout');
  });

  it('AbortController abort (in flight and before the start) -> Aborted', async () => {
    const inFlight = await rejectionOf(fetch(`${server.url}/hang`, { signal: abortSoon() }));
    expectClient(toBceError(inFlight), 'Aborted');
    const before = await rejectionOf(fetch(`${server.url}/hang`, { signal: AbortSignal.abort() }));
    expectClient(toBceError(before), 'Aborted');
  });
});

describe('anything else', () => {
  it('a plain Error -> Unknown, with its message', () => {
    const error = expectClient(toBceError(new Error('x')), 'Unknown');
    expect(error.message).toBe('execute http request failed! Retried 0 times, error: x');
    expect((error.cause as Error).message).toBe('x');
  });

  it('a Node system error without a client wrapper is classified by its code', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' });
    expectClient(toBceError(reset), 'ConnectionReset');
  });

  it('a BceError is returned as it is', () => {
    const service = new BceServiceError({ style: 'go', code: 'X', errorMessage: 'm', requestId: 'r', statusCode: 500 });
    const client = new BceClientError({ style: 'java', transportCode: 'Timeout' });
    expect(toBceError(service)).toBe(service);
    expect(toBceError(client, { style: 'python', retries: 3 })).toBe(client);
  });
});
