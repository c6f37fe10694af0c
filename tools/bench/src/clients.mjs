// @ts-check
// The clients under test, bare and with the adapter, built the same way: same library, same keep-alive agent
// (or, for fetch, Node's default keep-alive undici dispatcher), same server, same concurrency.
// The adapters are imported by package name, so they resolve to the built dist/ that users install.
import http from 'node:http';
import { installBceErrors } from '@bce-errors/axios';
import { createBceFetch } from '@bce-errors/fetch';
import { bceErrors } from '@bce-errors/got';
import axios from 'axios';
import got from 'got';

/**
 * @typedef {'axios' | 'got' | 'fetch'} Adapter
 *
 * One request, resolving once the response (or the rejection) has been fully handled.
 * @typedef {() => Promise<unknown>} Send
 *
 * @typedef {object} Clients
 * @property {{ bare: Send, adapter: Send }} success
 * @property {{ bare: Send, adapter: Send }} error
 * @property {() => Promise<void>} check Proves that each variant does what it claims.
 * @property {() => void} close
 */

/** Options of the adapter on the success path: the defaults of the Go style (which add an x-bce-request-id). */
const SUCCESS_OPTIONS = Object.freeze({ style: 'go' });
/** Options of the adapter on the error path, as the issue asks: Go style, no retries (a 404 is never retried). */
const ERROR_OPTIONS = Object.freeze({ style: 'go', retry: false });

/**
 * @param {{ name?: unknown, code?: unknown, statusCode?: unknown, message?: unknown } | null | undefined} error
 * @param {string} where
 */
function expectServiceError(error, where) {
  if (error?.name !== 'BceServiceError' || error.code !== 'NoSuchKey' || error.statusCode !== 404) {
    throw new Error(
      `${where}: expected a BceServiceError NoSuchKey 404, got ${String(error?.name)}: ${String(error?.message)}`,
    );
  }
}

/**
 * One request function per (path, variant) for an adapter:
 * `success.bare`, `success.adapter`, `error.bare`, `error.adapter`, each resolving once the response (or the
 * rejection) has been fully handled, and `check()` that proves each variant does what it claims.
 * @param {string} name An adapter's name (from argv: anything else throws).
 * @param {string} baseUrl
 * @param {number} concurrency
 * @returns {Clients}
 */
export function createClients(name, baseUrl, concurrency) {
  const okUrl = `${baseUrl}/ok`;
  const missingUrl = `${baseUrl}/missing`;
  switch (name) {
    case 'axios': {
      const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
      const bare = axios.create({ httpAgent: agent });
      const successClient = axios.create({ httpAgent: agent });
      installBceErrors(successClient, SUCCESS_OPTIONS);
      const errorClient = axios.create({ httpAgent: agent });
      installBceErrors(errorClient, ERROR_OPTIONS);
      return {
        success: {
          bare: () => bare.get(okUrl),
          adapter: () => successClient.get(okUrl),
        },
        error: {
          // axios rejects a 404 with an AxiosError (validateStatus), after reading and parsing the JSON body.
          bare: () => bare.get(missingUrl).then(unexpected, ignore),
          adapter: () => errorClient.get(missingUrl).then(unexpected, ignore),
        },
        async check() {
          const ok = await successClient.get(okUrl);
          if (ok.status !== 200 || typeof ok.data !== 'object')
            throw new Error('axios: success response not passed through');
          const bareError = await bare.get(missingUrl).then(unexpected, (error) => error);
          if (bareError?.name !== 'AxiosError' || bareError.response?.status !== 404)
            throw new Error('axios: bare error path');
          expectServiceError(await errorClient.get(missingUrl).then(unexpected, (error) => error), 'axios');
        },
        close: () => agent.destroy(),
      };
    }
    case 'got': {
      const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
      // No retries on either side: the adapter's `retry: false` sets got's limit to 0 too.
      const bare = got.extend({ agent: { http: agent }, retry: { limit: 0 } });
      const successClient = bare.extend(bceErrors(SUCCESS_OPTIONS));
      const errorClient = bare.extend(bceErrors(ERROR_OPTIONS));
      return {
        success: {
          bare: () => bare(okUrl),
          adapter: () => successClient(okUrl),
        },
        error: {
          // got rejects a 404 with an HTTPError after buffering the body.
          bare: () => bare(missingUrl).then(unexpected, ignore),
          adapter: () => errorClient(missingUrl).then(unexpected, ignore),
        },
        async check() {
          const ok = await successClient(okUrl);
          if (ok.statusCode !== 200 || !ok.body.startsWith('{'))
            throw new Error('got: success response not passed through');
          const bareError = await bare(missingUrl).then(unexpected, (error) => error);
          if (bareError?.name !== 'HTTPError' || bareError.response?.statusCode !== 404)
            throw new Error('got: bare error path');
          expectServiceError(await errorClient(missingUrl).then(unexpected, (error) => error), 'got');
        },
        close: () => agent.destroy(),
      };
    }
    case 'fetch': {
      // Node's fetch (undici) keeps connections alive by default and opens at most one per request in flight,
      // so `concurrency` requests in flight use `concurrency` connections, as the agents above do.
      const successFetch = createBceFetch(SUCCESS_OPTIONS);
      const errorFetch = createBceFetch(ERROR_OPTIONS);
      return {
        success: {
          bare: () => fetch(okUrl).then(readText),
          adapter: () => successFetch(okUrl).then(readText),
        },
        error: {
          // Bare fetch does not reject a 404: its error path is the response plus reading the body.
          bare: () => fetch(missingUrl).then(readText),
          adapter: () => errorFetch(missingUrl).then(unexpected, ignore),
        },
        async check() {
          const ok = await successFetch(okUrl);
          if (ok.status !== 200 || !(await ok.text()).startsWith('{'))
            throw new Error('fetch: success response not passed through');
          const bareResponse = await fetch(missingUrl);
          if (bareResponse.status !== 404 || !(await bareResponse.text()).includes('NoSuchKey'))
            throw new Error('fetch: bare error path');
          expectServiceError(await errorFetch(missingUrl).then(unexpected, (error) => error), 'fetch');
        },
        close: () => undefined,
      };
    }
    default:
      throw new Error(`unknown adapter ${name}`);
  }
}

/** @param {Response} response */
function readText(response) {
  return response.text();
}

function ignore() {
  return undefined;
}

function unexpected() {
  throw new Error('expected the request to fail');
}
