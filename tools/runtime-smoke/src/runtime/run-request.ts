// Runs inside Deno, Bun or workerd (bundled by esbuild): drives the real adapters over the runtime's own fetch and
// hands back plain JSON.
import { installBceErrors } from '@bce-errors/axios';
import { isBceClientError, isBceError, isBceServiceError, type SdkStyle } from '@bce-errors/core';
import { createBceFetch } from '@bce-errors/fetch';
import axios from 'axios';
import type { CauseLink, SmokeRequest, SmokeResult } from '../smoke-scenario.js';

/** A short, fixed retry delay: the style still decides whether and how often to retry, the suite does not wait seconds. */
const RETRY_DELAY_MS = 20;
const MAX_CAUSES = 4;

function stringProperty(value: unknown, name: string): string {
  if (typeof value !== 'object' || value === null) return '';
  const property = (value as Record<string, unknown>)[name];
  return typeof property === 'string' || typeof property === 'number' ? String(property) : '';
}

function causesOf(error: unknown): CauseLink[] {
  const links: CauseLink[] = [];
  let current: unknown = error instanceof Error ? error.cause : undefined;
  while (current !== undefined && current !== null && links.length < MAX_CAUSES) {
    links.push({
      name: current instanceof Error ? current.name : typeof current,
      message: current instanceof Error ? current.message : JSON.stringify(current),
      code: stringProperty(current, 'code'),
    });
    current = current instanceof Error ? current.cause : undefined;
  }
  return links;
}

function describeError(key: string, error: unknown): SmokeResult {
  const message = error instanceof Error ? error.message : String(error);
  const base: SmokeResult = {
    key,
    name: error instanceof Error ? error.constructor.name : typeof error,
    isBceError: isBceError(error),
    code: '',
    statusCode: 0,
    requestId: '',
    transportCode: '',
    retries: -1,
    messageLength: message.length,
    messageStart: message.slice(0, 200),
    causes: causesOf(error),
  };
  if (isBceServiceError(error)) {
    return {
      ...base,
      code: error.code,
      statusCode: error.statusCode,
      requestId: error.requestId,
      retries: error.retries,
    };
  }
  if (isBceClientError(error)) {
    return { ...base, transportCode: error.transportCode, retries: error.retries };
  }
  return base;
}

function success(key: string, status: number): SmokeResult {
  return {
    key,
    name: 'Response',
    isBceError: false,
    code: '',
    statusCode: status,
    requestId: '',
    transportCode: '',
    retries: 0,
    messageLength: 0,
    messageStart: '',
    causes: [],
  };
}

function abortSignal(request: SmokeRequest): AbortSignal | undefined {
  if (request.abortAfterMs === undefined) return undefined;
  const controller = new AbortController();
  setTimeout(() => {
    controller.abort();
  }, request.abortAfterMs);
  return controller.signal;
}

function adapterOptions(style: SdkStyle) {
  return { style, retry: { delayMs: () => RETRY_DELAY_MS } };
}

/** Runs one request through the adapter it names; never rejects. */
export async function runRequest(request: SmokeRequest): Promise<SmokeResult> {
  const signal = abortSignal(request);
  try {
    if (request.adapter === 'fetch') {
      const bceFetch = createBceFetch({ ...adapterOptions(request.style), timeoutMs: request.timeoutMs ?? 0 });
      const response = await bceFetch(request.url, signal === undefined ? {} : { signal });
      await response.body?.cancel();
      return success(request.key, response.status);
    }
    const client = axios.create({ adapter: 'fetch', timeout: request.timeoutMs ?? 0 });
    installBceErrors(client, adapterOptions(request.style));
    const response = await client.get(request.url, signal === undefined ? {} : { signal });
    return success(request.key, response.status);
  } catch (error) {
    return describeError(request.key, error);
  }
}
