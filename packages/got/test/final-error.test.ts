// Where the adapter builds the BceError of a request that ends: once got hands its final error over (the
// `beforeError` hook), after the watcher has decoded the error body, whether or not got's retry step ran first.
import { isBceServiceError } from '@bce-errors/core';
import { startMockServer, type MockServer } from '@bce-errors/mock-server';
import type { Got } from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bceErrors } from '../src/index.js';
import { loadRunnableGotVersions } from './newer-got.js';

const NO_SUCH_KEY = '{"code":"NoSuchKey","message":"gone","requestId":"final-404"}';

let server: MockServer;
let versions: [string, Got][] = [];
beforeAll(async () => {
  versions = await loadRunnableGotVersions();
  server = await startMockServer();
  server.route('/final-404', {
    status: 404,
    headers: { 'content-type': 'application/json', 'x-bce-request-id': 'final-404' },
    body: NO_SUCH_KEY,
  });
  server.route('/final-404-gzip', {
    status: 404,
    headers: { 'content-type': 'application/json', 'x-bce-request-id': 'final-404' },
    body: NO_SUCH_KEY,
    gzip: true,
  });
});
afterAll(async () => {
  await server.close();
});

function streamError(stream: NodeJS.ReadableStream): Promise<unknown> {
  return new Promise((resolve) => {
    stream.once('error', resolve);
    stream.on('data', () => undefined);
  });
}

describe('got: the final error', () => {
  it('a request that cannot be retried gets its BceError where got hands the error over, not in its retry step', async () => {
    for (const [label, got] of versions) {
      for (const extension of [bceErrors({ retry: false }), bceErrors({ retry: { maxRetries: 0 } })]) {
        const error: unknown = await got
          .extend({ retry: { limit: 0 } }, extension)
          .get(`${server.url}/final-404`)
          .then(
            () => undefined,
            (caught: unknown) => caught,
          );
        expect(isBceServiceError(error) && [error.code, error.requestId], label).toEqual(['NoSuchKey', 'final-404']);
        const stack = (error as Error).stack ?? '';
        expect(stack, label).toMatch(/^BceServiceError: /);
        expect(stack, label).not.toMatch(/calculateDelay/);
      }
    }
  });

  it('a gzip error body read through got.stream (no retry listener) is decoded before the BceError is built', async () => {
    for (const [label, got] of versions) {
      for (const options of [{ retry: false }, {}] as const) {
        const error = await streamError(got.extend(bceErrors(options)).stream(`${server.url}/final-404-gzip`));
        expect(isBceServiceError(error) && [error.code, error.requestId, error.message], label).toEqual([
          'NoSuchKey',
          'final-404',
          expect.stringContaining('gone'),
        ]);
      }
    }
  });

  it('a gzip error body through the promise API, with and without retries, is the service error', async () => {
    for (const [label, got] of versions) {
      for (const options of [{ retry: false }, {}, { style: 'java' }, { style: 'python' }] as const) {
        const error: unknown = await got
          .extend(bceErrors(options))
          .get(`${server.url}/final-404-gzip`)
          .then(
            () => undefined,
            (caught: unknown) => caught,
          );
        expect(isBceServiceError(error) && [error.code, error.requestId], label).toEqual(['NoSuchKey', 'final-404']);
      }
    }
  });
});
