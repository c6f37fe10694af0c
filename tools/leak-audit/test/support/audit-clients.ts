import http from 'node:http';
import { installBceErrors } from '@bce-errors/axios';
import type { AdapterOptions } from '@bce-errors/core';
import { createBceFetch } from '@bce-errors/fetch';
import { bceErrors } from '@bce-errors/got';
import axios from 'axios';
import got from 'got';
import { Agent as UndiciAgent } from 'undici';

/** The client APIs the audit drives: got twice, its promise and its stream API. */
export const AUDITED_CLIENTS = ['axios', 'got', 'got stream', 'fetch'] as const;
export type AuditedClient = (typeof AUDITED_CLIENTS)[number];

/** One request of the audit. */
interface AuditRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
}

/** How one request ended: the value it rejected with (or the stream's `error` event), or a success. */
export type AuditOutcome = { readonly kind: 'rejected'; readonly error: unknown } | { readonly kind: 'fulfilled' };

interface AuditClientOptions {
  readonly options: AdapterOptions;
  /** The client's own per-attempt timeout (axios `timeout`, got `timeout.request`, fetch wrapper `timeoutMs`). */
  readonly timeoutMs: number;
}

/** Runs `start` and turns a synchronous throw into a rejection, so every failure is an outcome. */
async function outcomeOf(start: () => Promise<unknown>): Promise<AuditOutcome> {
  try {
    await start();
    return { kind: 'fulfilled' };
  } catch (error) {
    return { kind: 'rejected', error };
  }
}

/**
 * Sends one request through a fresh client with the adapter installed (each client its own pool, destroyed after,
 * so one case's reset or held socket never reaches another) and reports how it ended.
 */
export async function sendThrough(
  client: AuditedClient,
  request: AuditRequest,
  { options, timeoutMs }: AuditClientOptions,
): Promise<AuditOutcome> {
  switch (client) {
    case 'axios': {
      const agent = new http.Agent({ keepAlive: false });
      const instance = axios.create({ timeout: timeoutMs, responseType: 'text', httpAgent: agent });
      installBceErrors(instance, options);
      try {
        return await outcomeOf(() =>
          instance.request({ url: request.url, headers: { ...request.headers }, signal: request.signal }),
        );
      } finally {
        agent.destroy();
      }
    }
    case 'got': {
      const agent = new http.Agent({ keepAlive: false });
      const instance = got.extend(bceErrors(options), { agent: { http: agent } });
      try {
        return await outcomeOf(() =>
          instance(request.url, {
            headers: { ...request.headers },
            timeout: { request: timeoutMs },
            signal: request.signal,
          }),
        );
      } finally {
        agent.destroy();
      }
    }
    case 'got stream': {
      const agent = new http.Agent({ keepAlive: false });
      const instance = got.extend(bceErrors(options), { agent: { http: agent } });
      try {
        return await outcomeOf(
          () =>
            new Promise<void>((resolve, reject) => {
              const stream = instance.stream(request.url, {
                headers: { ...request.headers },
                timeout: { request: timeoutMs },
                signal: request.signal,
              });
              stream.on('error', reject);
              stream.on('end', resolve);
              stream.resume();
            }),
        );
      } finally {
        agent.destroy();
      }
    }
    case 'fetch': {
      // Node's fetch takes a dispatcher of its own undici major only: Node 26's (undici 8) rejects this undici 6
      // Agent with `invalid onError method`. Where the majors differ, the global dispatcher sends the request.
      const dispatcher =
        process.versions.undici?.startsWith('6.') === true ? new UndiciAgent({ pipelining: 1 }) : undefined;
      const bceFetch = createBceFetch({ ...options, timeoutMs });
      try {
        return await outcomeOf(async () => {
          const init: RequestInit & { dispatcher?: UndiciAgent } = {
            headers: { ...request.headers },
            signal: request.signal,
            ...(dispatcher === undefined ? {} : { dispatcher }),
          };
          const response = await bceFetch(request.url, init);
          await response.arrayBuffer();
        });
      } finally {
        await dispatcher?.destroy();
      }
    }
  }
}
