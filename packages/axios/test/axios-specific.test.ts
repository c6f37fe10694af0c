import { isBceClientError, isBceServiceError } from '@bce-errors/core';
import { startMockServer, type MockServer } from '@bce-errors/mock-server';
import axios, { type AxiosResponse } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBceErrors } from '../src/index.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server.close();
});

describe('axios specifics', () => {
  it('runs request interceptors (signing) again on every retry', async () => {
    server.route('/signed', { status: 503, body: '' });
    const client = axios.create();
    const signatures: string[] = [];
    client.interceptors.request.use((config) => {
      const signature = `bce-auth-v1/ak/${String(signatures.length)}`;
      signatures.push(signature);
      config.headers.set('authorization', signature);
      return config;
    });
    installBceErrors(client, { style: 'python', retry: { maxRetries: 2, delayMs: () => 1 } });
    await expect(client.get(`${server.url}/signed`)).rejects.toSatisfy(isBceServiceError);
    expect(signatures).toHaveLength(3);
    expect(server.requests('/signed').map((request) => request.headers.authorization)).toEqual(signatures);
  });

  it('passes the very same success response object through', async () => {
    server.route('/ok', { status: 200, body: '{"ok":true}' });
    const client = axios.create();
    let seen: AxiosResponse | undefined;
    client.interceptors.response.use((response) => {
      seen = response;
      return response;
    });
    installBceErrors(client);
    const response = await client.get(`${server.url}/ok`);
    expect(response).toBe(seen);
    expect(response.data).toEqual({ ok: true });
  });

  it('bounds each attempt by its timeout, even while a body keeps dripping', async () => {
    server.route('/drip-error', {
      status: 500,
      body: '{"code":"InternalError"}'.padEnd(400),
      dripBytesPerChunk: 8,
      dripIntervalMs: 40,
    });
    const client = axios.create({ timeout: 200 });
    installBceErrors(client, { style: 'java', retry: { maxRetries: 1, delayMs: () => 1 } });
    const error: unknown = await client.get(`${server.url}/drip-error`).catch((caught: unknown) => caught);
    expect(isBceClientError(error) && [error.transportCode, error.retries]).toEqual(['Timeout', 1]);
    expect(server.requests('/drip-error')).toHaveLength(2);
  });

  it('leaves a streamed success body alone once the headers are in', async () => {
    server.route('/drip-ok', { status: 200, body: 'a'.repeat(64), dripBytesPerChunk: 16, dripIntervalMs: 40 });
    const client = axios.create({ timeout: 60, responseType: 'stream' });
    installBceErrors(client);
    const response = await client.get<NodeJS.ReadableStream>(`${server.url}/drip-ok`);
    let length = 0;
    for await (const chunk of response.data) length += (chunk as Buffer).byteLength;
    expect(length).toBe(64);
  });

  it('uninstall restores the raw axios behaviour', async () => {
    server.route('/raw', { status: 404, body: '{"code":"NoSuchKey"}' });
    const client = axios.create();
    const uninstall = installBceErrors(client);
    uninstall();
    await expect(client.get(`${server.url}/raw`)).rejects.toSatisfy((error: unknown) => axios.isAxiosError(error));
  });

  it('fails fast on bad options with a message that says what to fix', () => {
    expect(() => installBceErrors(axios.create(), { style: 'rust' as never })).toThrow(
      /unknown style "rust"; use 'go', 'java' or 'python'/,
    );
    expect(() => installBceErrors(axios.create(), { retry: { maxRetries: -1 } })).toThrow(
      /maxRetries must be a whole number >= 0/,
    );
    expect(() => installBceErrors(axios.create(), { timeout: 5 } as never)).toThrow(/unknown option 'timeout'/);
    expect(() => installBceErrors({} as never)).toThrow(/pass an axios instance/);
  });
});
