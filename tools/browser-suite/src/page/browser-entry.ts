// The code that runs in the page (bundled by esbuild for the browser): it drives the real adapters over the
// browser's own fetch and XMLHttpRequest and hands back plain JSON.
import { installBceErrors } from '@bce-errors/axios';
import { isBceClientError, isBceError, isBceServiceError } from '@bce-errors/core';
import { createBceFetch } from '@bce-errors/fetch';
import axios from 'axios';
import type { BrowserSuiteApi, ScenarioRequest, ScenarioResult } from '../scenario.js';

const unhandledRejections: string[] = [];
globalThis.addEventListener('unhandledrejection', (event) => {
  unhandledRejections.push(String(event.reason));
});

function describeError(error: unknown): ScenarioResult {
  const message = error instanceof Error ? error.message : String(error);
  const base = {
    name: error instanceof Error ? error.constructor.name : typeof error,
    isBceError: isBceError(error),
    code: '',
    statusCode: 0,
    requestId: '',
    sentRequestId: '',
    transportCode: '',
    retries: -1,
    messageLength: message.length,
    messageStart: message.slice(0, 200),
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
    return {
      ...base,
      transportCode: error.transportCode,
      retries: error.retries,
      sentRequestId: error.sentRequestId ?? '',
    };
  }
  return base;
}

function success(status: number): ScenarioResult {
  return {
    name: 'Response',
    isBceError: false,
    code: '',
    statusCode: status,
    requestId: '',
    sentRequestId: '',
    transportCode: '',
    retries: 0,
    messageLength: 0,
    messageStart: '',
  };
}

// The abortable requests in flight, by URL (each case's URL has a key of its own).
const abortControllers = new Map<string, AbortController>();

function abortSignal(request: ScenarioRequest): AbortSignal | undefined {
  if (request.abortable !== true) return undefined;
  const controller = new AbortController();
  abortControllers.set(request.url, controller);
  return controller.signal;
}

async function run(request: ScenarioRequest): Promise<ScenarioResult> {
  const options = {
    style: request.style,
    ...(request.requestId === undefined ? {} : { requestId: request.requestId }),
  };
  const signal = abortSignal(request);
  try {
    if (request.adapter === 'fetch') {
      const bceFetch = createBceFetch({ ...options, timeoutMs: request.timeoutMs ?? 0 });
      const response = await bceFetch(request.url, signal === undefined ? {} : { signal });
      await response.body?.cancel();
      return success(response.status);
    }
    const client = axios.create({ timeout: request.timeoutMs ?? 0 });
    installBceErrors(client, options);
    const response = await client.get(request.url, signal === undefined ? {} : { signal });
    return success(response.status);
  } catch (error) {
    return describeError(error);
  } finally {
    abortControllers.delete(request.url);
  }
}

const api: BrowserSuiteApi = {
  run,
  abort: (url) => {
    const controller = abortControllers.get(url);
    controller?.abort();
    return controller !== undefined;
  },
  environment: () => ({
    isSecureContext: globalThis.isSecureContext,
    hasRandomUUID: typeof (globalThis.crypto as { randomUUID?: unknown } | undefined)?.randomUUID === 'function',
    unhandledRejections: [...unhandledRejections],
  }),
};
(globalThis as { bceBrowserSuite?: BrowserSuiteApi }).bceBrowserSuite = api;
