import http from 'node:http';
import { installBceErrors } from '@bce-errors/axios';
import type { AdapterOptions } from '@bce-errors/core';
import { createBceFetch } from '@bce-errors/fetch';
import { bceErrors } from '@bce-errors/got';
import axios from 'axios';
import got from 'got';
import { createFetchDispatcher, type FetchDispatcher } from './fetch-dispatcher.js';

export const ADAPTERS = ['axios', 'got', 'fetch'] as const;
export type AdapterName = (typeof ADAPTERS)[number];

/** One request: the same shape as the adapter suite's `DriverRequest`, reduced to what these tests vary. */
interface SendRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** What a successful request gave back. */
interface SendResult {
  status: number;
  /** Body bytes read; `undefined` when a success body could not be read after the adapter returned it (fetch). */
  bodyBytes: number | undefined;
}

/** A client with an adapter installed; `close()` destroys its connection pool. */
interface Client {
  send(request: SendRequest): Promise<SendResult>;
  close(): Promise<void>;
}

interface ClientOptions {
  options: AdapterOptions;
  /** The client's own per-attempt timeout (axios `timeout`, got `timeout.request`, fetch wrapper `timeoutMs`). */
  timeoutMs: number;
  /** Connection pool size (keep-alive). */
  maxSockets?: number;
}

/**
 * Builds one client per adapter the way each adapter's own suite driver does (packages/{axios,got,fetch}/test),
 * with an explicit keep-alive pool so a test can bound and then release its sockets.
 */
export function createClient(adapter: AdapterName, { options, timeoutMs, maxSockets = 64 }: ClientOptions): Client {
  switch (adapter) {
    case 'axios': {
      const agent = new http.Agent({ keepAlive: true, maxSockets });
      const client = axios.create({ timeout: timeoutMs, responseType: 'text', httpAgent: agent });
      installBceErrors(client, options);
      return {
        async send(request) {
          const response = await client.request<string>({
            url: request.url,
            method: request.method ?? 'GET',
            headers: request.headers ?? {},
            ...(request.signal === undefined ? {} : { signal: request.signal }),
          });
          return { status: response.status, bodyBytes: Buffer.byteLength(response.data) };
        },
        close() {
          agent.destroy();
          return Promise.resolve();
        },
      };
    }
    case 'got': {
      const agent = new http.Agent({ keepAlive: true, maxSockets });
      const client = got.extend(bceErrors(options), { agent: { http: agent } });
      return {
        async send(request) {
          const response = await client(request.url, {
            method: (request.method ?? 'GET') as 'GET',
            headers: request.headers ?? {},
            timeout: { request: timeoutMs },
            ...(request.signal === undefined ? {} : { signal: request.signal }),
          });
          return { status: response.statusCode, bodyBytes: Buffer.byteLength(response.body) };
        },
        close() {
          agent.destroy();
          return Promise.resolve();
        },
      };
    }
    case 'fetch': {
      // An Agent of the undici that Node's fetch is built on bounds the pool like the http.Agents above.
      const dispatcher = createFetchDispatcher(maxSockets);
      const bceFetch = createBceFetch({ ...options, timeoutMs });
      return {
        async send(request) {
          const init: RequestInit & { dispatcher: FetchDispatcher } = {
            method: request.method ?? 'GET',
            headers: request.headers ?? {},
            signal: request.signal ?? null,
            dispatcher,
          };
          const response = await bceFetch(request.url, init);
          // A success body is the caller's to read (the adapter passes it through untouched): reading it can fail
          // on a cut body, which is not the adapter's rejection.
          const bodyBytes = await response.arrayBuffer().then(
            (buffer) => buffer.byteLength,
            () => undefined,
          );
          return { status: response.status, bodyBytes };
        },
        close() {
          return dispatcher.destroy();
        },
      };
    }
  }
}
