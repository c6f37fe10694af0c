// Issue 12: a connection that breaks after the status line and headers arrived (a TCP reset mid-body) is the
// response's outcome, as through fetch: an error status is the service error built from the status, the headers and
// the bytes that arrived (a cut JSON object is MalformedJSON, retried by its status), not the transport failure
// ConnectionReset that go style re-sends even for a POST. Through the real got against a raw node:net server.
import { startResetMidBodyServer } from '@bce-errors/adapter-suite';
import { isBceClientError, isBceServiceError, type BceError } from '@bce-errors/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bceErrors } from '../src/index.js';
import { loadRunnableGotVersions } from './newer-got.js';

const versions = await loadRunnableGotVersions();

const STYLES = ['go', 'java', 'python'] as const;
// A 503 would be retried by its status; the delays are kept short.
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

describe.each(versions)('%s: a 404 whose JSON body a TCP reset cuts', (_label, gotModule) => {
  it.each(STYLES)('%s: a GET is the 404 MalformedJSON with the header request id, sent once', async (style) => {
    const { url, hits: seen } = target('not-found');
    const error = await rejection(gotModule.extend(bceErrors({ style, ...FAST }))(url));
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
    const error = await rejection(
      gotModule.extend(bceErrors({ style: 'go', ...FAST })).post(url, { json: { key: 'value' } }),
    );
    expect(isBceServiceError(error) && [error.statusCode, error.code]).toEqual([404, 'MalformedJSON']);
    expect(seen()).toBe(1);
  });

  it('a stream is destroyed with the same 404 MalformedJSON', async () => {
    const { url, hits: seen } = target('not-found');
    const stream = gotModule.extend(bceErrors({ style: 'go', ...FAST })).stream(url);
    const error = await new Promise<BceError>((resolve) => {
      stream.once('error', (caught: unknown) => {
        resolve(caught as BceError);
      });
      stream.on('data', () => undefined);
    });
    expect(isBceServiceError(error) && [error.statusCode, error.code]).toEqual([404, 'MalformedJSON']);
    expect(seen()).toBe(1);
  });

  it('a 200 cut the same way is still BodyReadFailure', async () => {
    const { url } = target('ok');
    const error = await rejection(gotModule.extend(bceErrors({ style: 'java', retry: { maxRetries: 0 } }))(url));
    expect(isBceClientError(error) && error.transportCode).toBe('BodyReadFailure');
  });
});
