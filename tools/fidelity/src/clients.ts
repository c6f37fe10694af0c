import { installBceErrors } from '@bce-errors/axios';
import type { AdapterOptions } from '@bce-errors/core';
import { createBceFetch } from '@bce-errors/fetch';
import { bceErrors } from '@bce-errors/got';
import axios from 'axios';
import got from 'got';

/** The three clients, each with its adapter installed the way its README says. */
export const CLIENT_NAMES = ['axios', 'got', 'fetch'] as const;

/** One of {@link CLIENT_NAMES}. */
export type ClientName = (typeof CLIENT_NAMES)[number];

/** One logical request, as the SDKs sent it for the measurements. */
interface FidelityRequest {
  url: string;
  method: string;
  body: string | undefined;
  options: AdapterOptions;
}

/** A success: the status the client resolved with. */
interface FidelitySuccess {
  status: number;
}

/** Bounds every attempt, so a hang fails the pair instead of stalling the run. */
const ATTEMPT_TIMEOUT_MS = 10_000;

/** Sends one request through a real client with its adapter; resolves on success, rejects with what the client threw. */
export async function send(client: ClientName, request: FidelityRequest): Promise<FidelitySuccess> {
  const { url, method, body, options } = request;
  if (client === 'axios') {
    const instance = axios.create();
    installBceErrors(instance, options);
    const response = await instance.request({ url, method, data: body, timeout: ATTEMPT_TIMEOUT_MS });
    return { status: response.status };
  }
  if (client === 'got') {
    const response = await got.extend(bceErrors(options))(url, {
      method: method as 'GET',
      body,
      timeout: { request: ATTEMPT_TIMEOUT_MS },
    });
    return { status: response.statusCode };
  }
  const bceFetch = createBceFetch({ ...options, timeoutMs: ATTEMPT_TIMEOUT_MS });
  const response = await bceFetch(url, { method, body: body ?? null });
  // A success body is the caller's: read it as a caller would, and let its own failure surface there (X).
  await response.arrayBuffer().catch(() => undefined);
  return { status: response.status };
}
