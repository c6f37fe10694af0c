import { isBceClientError, isBceServiceError } from '@bce-errors/core';
import { startMockServer, unusedPortUrl, type MockServer } from '@bce-errors/mock-server';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import axiosRetry from 'axios-retry';
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
  describe('with axios-retry on the same instance', () => {
    const orders: [string, (client: AxiosInstance) => void][] = [
      [
        'axios-retry first',
        (client) => {
          axiosRetry(client, { retries: 3, retryDelay: () => 1 });
          installBceErrors(client, { style: 'go' });
        },
      ],
      [
        'axios-retry last',
        (client) => {
          installBceErrors(client, { style: 'go' });
          axiosRetry(client, { retries: 3, retryDelay: () => 1 });
        },
      ],
    ];
    for (const [order, install] of orders) {
      it(`${order}: axios-retry's attempts only, every final error a BceError`, async () => {
        const path = `/axios-retry-${order.replace(/ /g, '-')}`;
        server.route(path, { status: 503, body: '{"code":"ServiceUnavailable","message":"busy"}' });
        server.route(`${path}/404`, { status: 404, body: '{"code":"NoSuchKey","message":"none"}' });
        server.route(`${path}/ok`, { status: 200, body: '{"ok":true}' });
        const client = axios.create();
        install(client);
        for (let round = 0; round < 2; round += 1) {
          const error: unknown = await client.get(`${server.url}${path}`).catch((caught: unknown) => caught);
          expect(isBceServiceError(error) && [error.code, error.statusCode, error.retries]).toEqual([
            'ServiceUnavailable',
            503,
            3,
          ]);
          expect(server.requests(path)).toHaveLength(4 * (round + 1));
          const notFound: unknown = await client.get(`${server.url}${path}/404`).catch((caught: unknown) => caught);
          expect(isBceServiceError(notFound) && [notFound.code, notFound.retries]).toEqual(['NoSuchKey', 0]);
          expect((await client.get(`${server.url}${path}/ok`)).data).toEqual({ ok: true });
        }
        expect(server.requests(`${path}/404`)).toHaveLength(2);
        expect(server.requests(`${path}/ok`)).toHaveLength(2);
        // A per-request axios-retry option is axios-retry's to apply.
        const once: unknown = await client
          .get(`${server.url}${path}`, { 'axios-retry': { retries: 1 } })
          .catch((caught: unknown) => caught);
        expect(isBceServiceError(once) && once.retries).toBe(1);
        expect(server.requests(path)).toHaveLength(10);
        const refused: unknown = await client.get(await unusedPortUrl()).catch((caught: unknown) => caught);
        expect(isBceClientError(refused) && [refused.transportCode, refused.retries]).toEqual(['ConnectionRefused', 3]);
      });
    }

    it('without axios-retry the adapter keeps its own retries', async () => {
      server.route('/own-retries', { status: 503, body: '' });
      const client = axios.create();
      installBceErrors(client, { style: 'go', retry: { delayMs: () => 1 } });
      const error: unknown = await client.get(`${server.url}/own-retries`).catch((caught: unknown) => caught);
      expect(isBceServiceError(error) && error.retries).toBe(3);
      expect(server.requests('/own-retries')).toHaveLength(4);
    });
  });
});
