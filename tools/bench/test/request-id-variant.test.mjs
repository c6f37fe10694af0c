// @ts-check
// The bench's "go, requestId: false" variant of every adapter, against the real bench server: each client's
// check() asks the server which x-bce-request-id it received and fails unless the Go style sent a UUID and the
// variant with `requestId: false` sent none, on the success and on the error path.
import { fork } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClients } from '../src/clients.mjs';

/** @type {import('node:child_process').ChildProcess} */
let server;
let baseUrl = '';

beforeAll(async () => {
  server = fork(new URL('../src/server.mjs', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = /** @type {{ port: number }} */ (
    await new Promise((resolve, reject) => {
      server.once('message', resolve);
      server.once('error', reject);
    })
  );
  baseUrl = `http://127.0.0.1:${String(port)}`;
});

afterAll(() => {
  server.disconnect();
});

describe.each(['axios', 'got', 'fetch'])('%s', (name) => {
  it('has the variant on both paths, and its check() proves that only the Go style sends a request id', async () => {
    const clients = createClients(name, baseUrl, 2);
    try {
      expect(Object.keys(clients.success)).toContain('goWithoutRequestId');
      expect(Object.keys(clients.error)).toContain('goWithoutRequestId');
      await clients.check();
      await expect(clients.success.goWithoutRequestId()).resolves.toBeDefined();
      await expect(clients.error.goWithoutRequestId()).resolves.toBeUndefined();
    } finally {
      clients.close();
    }
  });
});
