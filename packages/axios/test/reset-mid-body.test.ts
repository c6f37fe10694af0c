// Issue 12: a connection that breaks after the status line and headers arrived (a TCP reset mid-body) is the
// response's outcome, as through fetch: an error status is the service error built from the status, the headers and
// the bytes that arrived (a cut JSON object is MalformedJSON, retried by its status), not the transport failure
// ConnectionReset that go style re-sends even for a POST. axios rejects such an attempt with ECONNRESET and neither
// `response` nor `request.res`. Through the real axios against a raw node:net server.
import { startResetMidBodyServer } from '@bce-errors/adapter-suite';
import { isBceClientError, isBceServiceError, type BceError } from '@bce-errors/core';
import axios, { type AxiosStatic } from 'axios';
import axiosOldest from 'axios-oldest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBceErrors } from '../src/index.js';

const STYLES = ['go', 'java', 'python'] as const;
const versions: [string, AxiosStatic][] = [
  ['axios@1.21.1', axios],
  ['axios@1.7.0', axiosOldest as unknown as AxiosStatic],
];
const FAST = { retry: { delayMs: () => 1 } } as const;

let server: Awaited<ReturnType<typeof startResetMidBodyServer>>;

beforeAll(async () => {
  server = await startResetMidBodyServer();
});
afterAll(async () => {
  await server.close();
});

const target = (kind: 'not-found' | 'ok'): { url: string; hits: () => number } => server.target(kind);

async function rejection(promise: Promise<unknown>): Promise<BceError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as BceError,
  );
}

describe.each(versions)('%s: a 404 whose JSON body a TCP reset cuts', (_label, axios) => {
  it.each(STYLES)('%s: a GET is the 404 MalformedJSON with the header request id, sent once', async (style) => {
    const { url, hits: seen } = target('not-found');
    const client = axios.create();
    installBceErrors(client, { style, ...FAST });
    const error = await rejection(client.get(url));
    expect(isBceServiceError(error) && [error.statusCode, error.code, error.requestId]).toEqual([
      404,
      'MalformedJSON',
      'reset-request-id',
    ]);
    expect(error.retries).toBe(0);
    expect(seen()).toBe(1);
  });

  it('go: a POST reaches the server once (a 404 is not retried; ConnectionReset would be, 3 times)', async () => {
    const { url, hits: seen } = target('not-found');
    const client = axios.create();
    installBceErrors(client, { style: 'go', ...FAST });
    const error = await rejection(client.post(url, { key: 'value' }));
    expect(isBceServiceError(error) && [error.statusCode, error.code]).toEqual([404, 'MalformedJSON']);
    expect(seen()).toBe(1);
  });

  it("responseType: 'stream': the same 404 MalformedJSON", async () => {
    const { url, hits: seen } = target('not-found');
    const client = axios.create({ responseType: 'stream' });
    installBceErrors(client, { style: 'go', ...FAST });
    const error = await rejection(client.get(url));
    expect(isBceServiceError(error) && [error.statusCode, error.code]).toEqual([404, 'MalformedJSON']);
    expect(seen()).toBe(1);
  });

  it('a 200 cut the same way is BodyReadFailure', async () => {
    const { url } = target('ok');
    const client = axios.create();
    installBceErrors(client, { style: 'java', retry: { maxRetries: 0 } });
    const error = await rejection(client.get(url));
    expect(isBceClientError(error) && error.transportCode).toBe('BodyReadFailure');
  });
});
