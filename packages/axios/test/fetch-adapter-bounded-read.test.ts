// axios' own fetch adapter (`adapter: 'fetch'`, and the only one in workers) buffers a whole error body before any
// interceptor runs, however long it is and however slowly it arrives: the Node agents' watcher never sees it. axios
// (1.12 and later) takes the fetch it calls from `env.fetch`: the adapter hands it one that reads an error body to
// the bound and within core's limits before axios sees it, and leaves every success response as it came.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, HUGE_ERROR_BODY_BYTES, listenOnLoopback, writeHugeErrorBody } from '@bce-errors/adapter-suite';
import { isBceClientError, isBceServiceError } from '@bce-errors/core';
import axios, { type AxiosInstance } from 'axios';
import axiosOldest from 'axios-oldest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBceErrors } from '../src/index.js';

const MIB = 1024 * 1024;
const SUCCESS_BODY_BYTES = 5 * MIB;

let url = '';
let hugeBytesWritten = 0;
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  request.resume();
  switch (request.url) {
    case '/huge':
      writeHugeErrorBody(response, { status: 400, requestId: 'rid-huge' }, (bytes) => {
        hugeBytesWritten += bytes;
      });
      return;
    case '/stalled':
      // The start of a body, then silence: the connection stays open (until the server closes).
      response.writeHead(503, { 'content-type': 'application/json', 'x-bce-request-id': 'rid-stalled' });
      response.write('{"code":"ServiceUnavailable","mess');
      return;
    case '/large-success':
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(Buffer.alloc(SUCCESS_BODY_BYTES, 'b'));
      return;
    case '/status-600':
    case '/status-999':
      // A status the Response constructor refuses (it takes 200..599); HTTP/1.1 and undici allow up to 999.
      response.writeHead(Number(request.url.slice(-3)), 'Request denied', { 'x-bce-request-id': 'rid-header' });
      response.end('{"code":"Blocked","message":"request denied","requestId":"rid-blocked"}');
      return;
    default:
      response.writeHead(404, { 'content-type': 'application/json', 'x-bce-request-id': 'rid-404' });
      response.end('{"code":"NoSuchKey","message":"no such key","requestId":"rid-body"}');
  }
});
beforeAll(async () => {
  url = await listenOnLoopback(server);
});
afterAll(async () => {
  await closeServer(server);
});

describe("adapter: 'fetch', a buffered responseType", () => {
  it('a 100 MiB error body is read to maxErrorBodyBytes, and the rest is never downloaded', async () => {
    hugeBytesWritten = 0;
    const client = axios.create({ adapter: 'fetch' });
    installBceErrors(client, { style: 'go', retry: false });
    const error = await client.get(`${url}/huge`).catch((caught: unknown) => caught);
    expect(isBceServiceError(error) && [error.statusCode, error.bodyTruncated, error.requestId]).toEqual([
      400,
      true,
      'rid-huge',
    ]);
    expect(hugeBytesWritten).toBeLessThan(HUGE_ERROR_BODY_BYTES / 4);
  });

  it('an error body that stops arriving ends the request (no timeout set), with what arrived', async () => {
    const client = axios.create({ adapter: 'fetch' });
    installBceErrors(client, { style: 'go', retry: false });
    const error = await client.get(`${url}/stalled`).catch((caught: unknown) => caught);
    // A body cut short: go reads what arrived as a malformed body, with the header's request id (P7).
    expect(isBceServiceError(error) && [error.statusCode, error.code, error.requestId]).toEqual([
      503,
      'MalformedJSON',
      'rid-stalled',
    ]);
  }, 15_000);

  it('a typical error body is parsed from the bytes the server sent', async () => {
    const client = axios.create({ adapter: 'fetch' });
    installBceErrors(client, { style: 'python', retry: false });
    const error = await client.get(`${url}/missing`).catch((caught: unknown) => caught);
    expect(isBceServiceError(error) && [error.statusCode, error.code, error.requestId]).toEqual([
      404,
      'NoSuchKey',
      'rid-body',
    ]);
  });

  it.each([
    [600, 'no option'],
    [999, 'no option'],
    // With these axios wraps the response in one of its own, which it builds from the status it reads.
    [999, 'maxContentLength'],
    [999, 'onDownloadProgress'],
  ] as const)(
    'an error status of %i (outside what a Response can be built with) keeps its status, %s',
    async (status, option) => {
      const client = axios.create({ adapter: 'fetch' });
      installBceErrors(client, { style: 'java', retry: false });
      const config = {
        maxContentLength: { maxContentLength: 1024 * 1024 },
        onDownloadProgress: { onDownloadProgress: () => undefined },
      };
      const options = option === 'no option' ? {} : config[option];
      const error = await client.get(`${url}/status-${String(status)}`, options).catch((caught: unknown) => caught);
      // What axios' http adapter, got and fetch give for the same response.
      expect(isBceServiceError(error) && [error.statusCode, error.code, error.requestId, error.errorMessage]).toEqual([
        status,
        'Blocked',
        'rid-blocked',
        'request denied',
      ]);
    },
  );

  it('a success body is never bounded: 5 MiB arrive whole, and a stream stays a stream', async () => {
    const client = axios.create({ adapter: 'fetch', responseType: 'arraybuffer' });
    installBceErrors(client, { style: 'go' });
    const whole = await client.get<ArrayBuffer>(`${url}/large-success`);
    expect(whole.data.byteLength).toBe(SUCCESS_BODY_BYTES);
    const streamed = await client.get<ReadableStream<Uint8Array>>(`${url}/large-success`, { responseType: 'stream' });
    let length = 0;
    for await (const chunk of streamed.data as unknown as AsyncIterable<Uint8Array>) length += chunk.byteLength;
    expect(length).toBe(SUCCESS_BODY_BYTES);
  });

  it("the caller's own env.fetch is called, and its error bodies are bounded too", async () => {
    hugeBytesWritten = 0;
    const calls: string[] = [];
    const ownFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      calls.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    const client = axios.create({ adapter: 'fetch', env: { fetch: ownFetch } });
    installBceErrors(client, { style: 'java', retry: false });
    const error = await client.get(`${url}/huge`).catch((caught: unknown) => caught);
    expect(isBceServiceError(error) && error.bodyTruncated).toBe(true);
    expect(calls).toEqual([`${url}/huge`]);
    expect(hugeBytesWritten).toBeLessThan(HUGE_ERROR_BODY_BYTES / 4);
  });

  it('a fetch swapped in globally after the install (a test mock) is the one called', async () => {
    const client = axios.create({ adapter: 'fetch' });
    installBceErrors(client, { style: 'go', retry: false });
    const original = globalThis.fetch;
    const calls: string[] = [];
    globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      calls.push(input instanceof Request ? input.url : String(input));
      return original(input, init);
    };
    try {
      const error = await client.get(`${url}/missing`).catch((caught: unknown) => caught);
      expect(isBceServiceError(error) && error.code).toBe('NoSuchKey');
    } finally {
      globalThis.fetch = original;
    }
    expect(calls).toEqual([`${url}/missing`]);
  });

  it("a list whose first adapter this runtime supports is fetch (a worker's defaults) is bounded too", async () => {
    hugeBytesWritten = 0;
    // Node has no XMLHttpRequest: axios picks fetch from this list, as a worker picks it from the defaults.
    const client = axios.create({ adapter: ['xhr', 'fetch', 'http'] });
    installBceErrors(client, { style: 'go', retry: false });
    const error = await client.get(`${url}/huge`).catch((caught: unknown) => caught);
    expect(isBceServiceError(error) && error.bodyTruncated).toBe(true);
    expect(hugeBytesWritten).toBeLessThan(HUGE_ERROR_BODY_BYTES / 4);
  });

  it("a request through axios' http adapter keeps its env as it was (no bounded fetch on that path)", async () => {
    const client = axios.create();
    const seen: unknown[] = [];
    // Added before the install, so it runs after the adapter's request interceptor (axios runs the last added first).
    client.interceptors.request.use((config) => {
      seen.push((config.env as { fetch?: unknown } | undefined)?.fetch);
      return config;
    });
    installBceErrors(client, { style: 'go', retry: false });
    const error = await client.get(`${url}/missing`).catch((caught: unknown) => caught);
    expect(isBceServiceError(error) && error.code).toBe('NoSuchKey');
    expect(seen).toEqual([undefined]);
  });

  it("the caller's abort still ends an error body read as Aborted", async () => {
    const client = axios.create({ adapter: 'fetch' });
    installBceErrors(client, { style: 'go', retry: false });
    const controller = new AbortController();
    const pending = client.get(`${url}/stalled`, { signal: controller.signal }).catch((caught: unknown) => caught);
    setTimeout(() => {
      controller.abort();
    }, 200);
    const error = await pending;
    expect(isBceClientError(error) && error.transportCode).toBe('Aborted');
  });
});

describe("adapter: 'fetch' on axios 1.7 (before env.fetch existed)", () => {
  it('the bounded fetch is ignored and the error is parsed from what axios read, as before', async () => {
    const client = axiosOldest.create({ adapter: 'fetch' });
    installBceErrors(client as unknown as AxiosInstance, { style: 'go', retry: false });
    const error = await client.get(`${url}/missing`).catch((caught: unknown) => caught);
    expect(isBceServiceError(error) && [error.statusCode, error.code, error.requestId]).toEqual([
      404,
      'NoSuchKey',
      'rid-body',
    ]);
  });
});
