// @ts-check
// The clients under test, bare and with the adapter, built the same way: same library, same keep-alive agent
// (or, for fetch, Node's default keep-alive undici dispatcher), same server, same concurrency.
// The adapters are imported by package name, so they resolve to the built dist/ that users install. The peers
// (src/peers.mjs) are built the same way, on the same agent or dispatcher, retries off.
import http from 'node:http';
import { installBceErrors } from '@bce-errors/axios';
import { createBceFetch } from '@bce-errors/fetch';
import { bceErrors } from '@bce-errors/got';
import axios from 'axios';
import axiosRetry from 'axios-retry';
import got from 'got';
import ky, { HTTPError } from 'ky';
import { ofetch } from 'ofetch';

/**
 * @typedef {'axios' | 'got' | 'fetch'} Adapter
 *
 * One request, resolving once the response (or the rejection) has been fully handled.
 * @typedef {() => Promise<unknown>} Send
 *
 * The variants of one path: the bare client, the hand-written interceptor a user would write instead (the second
 * reference), the adapter in each style (`adapter` is the Go style, the default), the Go style with
 * `requestId: false` (`goWithoutRequestId`: no x-bce-request-id generated, to separate what the request id costs),
 * and the client's peers (src/peers.mjs: axios-retry for axios, ky and ofetch for fetch).
 * @typedef {{ bare: Send, handwritten: Send, adapter: Send, java: Send, python: Send, goWithoutRequestId: Send }
 *   & Partial<Record<import('./peers.mjs').Peer['key'], Send>>} Variants
 *
 * @typedef {object} Clients
 * @property {Variants} success
 * @property {Variants} error
 * @property {() => Promise<void>} check Proves that each variant does what it claims.
 * @property {() => void} close
 */

/**
 * Options of the adapter on the success path: each style's defaults (Go's add an x-bce-request-id), and the Go
 * style without it.
 */
const SUCCESS_OPTIONS = Object.freeze({
  go: Object.freeze({ style: 'go' }),
  java: Object.freeze({ style: 'java' }),
  python: Object.freeze({ style: 'python' }),
  goWithoutRequestId: Object.freeze({ style: 'go', requestId: false }),
});
/** Options of the adapter on the error path, as the issue asks: no retries anywhere (a 404 is never retried anyway). */
const ERROR_OPTIONS = Object.freeze({
  go: Object.freeze({ style: 'go', retry: false }),
  java: Object.freeze({ style: 'java', retry: false }),
  python: Object.freeze({ style: 'python', retry: false }),
  goWithoutRequestId: Object.freeze({ style: 'go', retry: false, requestId: false }),
});

/** The Go SDK's request id: a version 4 UUID. */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * The error class of the hand-written reference: the ten lines a user would write instead of the adapter (parse
 * the JSON body, throw one Error subclass with code, message, request id and status code).
 */
class ApiError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {string | undefined} requestId
   * @param {number} statusCode
   */
  constructor(code, message, requestId, statusCode) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.requestId = requestId;
    this.statusCode = statusCode;
  }
}

/**
 * The hand-written error of a parsed (or unparsable) body.
 * @param {unknown} body
 * @param {string | undefined} requestId
 * @param {number} statusCode
 * @param {string} fallbackMessage
 */
export function apiError(body, requestId, statusCode, fallbackMessage) {
  const fields = /** @type {{ code?: unknown, message?: unknown, requestId?: unknown }} */ (
    typeof body === 'object' && body !== null ? body : {}
  );
  return new ApiError(
    typeof fields.code === 'string' ? fields.code : 'Unknown',
    typeof fields.message === 'string' ? fields.message : fallbackMessage,
    requestId ?? (typeof fields.requestId === 'string' ? fields.requestId : undefined),
    statusCode,
  );
}

/**
 * The hand-written interceptor's `JSON.parse`: a body that is not JSON gives `undefined`, not a throw.
 * @param {string} text
 */
export function parseJson(text) {
  try {
    return /** @type {unknown} */ (JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * The hand-written axios interceptor's rejection handler: axios already parsed the JSON body into `data`.
 * @param {import('axios').AxiosError} failure
 * @returns {never}
 */
function handwrittenAxiosRejection(failure) {
  const response = failure.response;
  if (response === undefined) throw failure;
  const requestId = response.headers['x-bce-request-id'];
  throw apiError(
    response.data,
    typeof requestId === 'string' ? requestId : undefined,
    response.status,
    failure.message,
  );
}

/**
 * ky rejects a 404 with its HTTPError and leaves the body unread: a user reads it to learn the service's code, and
 * reading it also frees the connection for the next request (as the bare fetch error path does).
 * @param {unknown} failure
 */
function readKyErrorBody(failure) {
  if (!(failure instanceof HTTPError)) throw failure;
  return failure.response.text();
}

/**
 * @param {{ name?: unknown, code?: unknown, statusCode?: unknown } | null | undefined} error
 * @param {string} where
 */
function expectHandwrittenError(error, where) {
  if (error?.name !== 'ApiError' || error.code !== 'NoSuchKey' || error.statusCode !== 404) {
    throw new Error(`${where}: expected the hand-written ApiError NoSuchKey 404, got ${String(error?.name)}`);
  }
}

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
 * The x-bce-request-id headers the bench server recorded (on its /recorded/* routes) since the last call.
 * @param {string} baseUrl
 * @returns {Promise<unknown[]>}
 */
async function takeRecordedRequestIds(baseUrl) {
  const response = await fetch(`${baseUrl}/__request-ids`);
  const recorded = /** @type {unknown} */ (await response.json());
  if (!Array.isArray(recorded)) throw new Error(`bench server: /__request-ids answered ${JSON.stringify(recorded)}`);
  return recorded;
}

/**
 * Proves on both paths that the Go style sends an x-bce-request-id (a UUID) and the Go style with
 * `requestId: false` sends none: one request each to the server's recording routes, then what it recorded.
 * @template Client
 * @param {string} baseUrl
 * @param {string} where
 * @param {Record<'success' | 'error', { go: Client, goWithoutRequestId: Client }>} clients
 * @param {(client: Client, url: string) => Promise<unknown>} send One request, resolving once it is fully read.
 */
async function expectRequestIdHeaders(baseUrl, where, clients, send) {
  await takeRecordedRequestIds(baseUrl);
  for (const [path, route] of /** @type {const} */ ([
    ['success', 'ok'],
    ['error', 'missing'],
  ])) {
    for (const variant of /** @type {const} */ (['go', 'goWithoutRequestId'])) {
      const failure = await send(clients[path][variant], `${baseUrl}/recorded/${route}`).then(ignore, (error) =>
        error === undefined ? new Error('rejected with undefined') : error,
      );
      if (path === 'error') expectServiceError(failure, `${where} ${variant} (error path)`);
      else if (failure !== undefined) throw new Error(`${where} ${variant}: success path failed: ${String(failure)}`);
    }
    const recorded = await takeRecordedRequestIds(baseUrl);
    const [withId, withoutId] = recorded;
    if (recorded.length !== 2 || typeof withId !== 'string' || !UUID_PATTERN.test(withId))
      throw new Error(
        `${where} go (${path} path): expected an x-bce-request-id UUID, the server saw ${JSON.stringify(recorded)}`,
      );
    if (withoutId !== null)
      throw new Error(
        `${where} go with requestId: false (${path} path): expected no x-bce-request-id, the server saw ${JSON.stringify(withoutId)}`,
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
      /** @param {import('@bce-errors/axios').BceAxiosOptions} options */
      const installed = (options) => {
        const client = axios.create({ httpAgent: agent });
        installBceErrors(client, options);
        return client;
      };
      const success = {
        go: installed(SUCCESS_OPTIONS.go),
        java: installed(SUCCESS_OPTIONS.java),
        python: installed(SUCCESS_OPTIONS.python),
        goWithoutRequestId: installed(SUCCESS_OPTIONS.goWithoutRequestId),
      };
      const error = {
        go: installed(ERROR_OPTIONS.go),
        java: installed(ERROR_OPTIONS.java),
        python: installed(ERROR_OPTIONS.python),
        goWithoutRequestId: installed(ERROR_OPTIONS.goWithoutRequestId),
      };
      // The hand-written reference: axios already parsed the JSON body into `data`.
      const handwritten = axios.create({ httpAgent: agent });
      handwritten.interceptors.response.use(undefined, handwrittenAxiosRejection);
      // The peer: axios-retry with retries off, then the same hand-written interceptor (axios-retry maps nothing).
      const retrying = axios.create({ httpAgent: agent });
      axiosRetry(retrying, { retries: 0 });
      retrying.interceptors.response.use(undefined, handwrittenAxiosRejection);
      return {
        success: {
          bare: () => bare.get(okUrl),
          handwritten: () => handwritten.get(okUrl),
          adapter: () => success.go.get(okUrl),
          java: () => success.java.get(okUrl),
          python: () => success.python.get(okUrl),
          goWithoutRequestId: () => success.goWithoutRequestId.get(okUrl),
          axiosRetry: () => retrying.get(okUrl),
        },
        error: {
          // axios rejects a 404 with an AxiosError (validateStatus), after reading and parsing the JSON body.
          bare: () => bare.get(missingUrl).then(unexpected, ignore),
          handwritten: () => handwritten.get(missingUrl).then(unexpected, ignore),
          adapter: () => error.go.get(missingUrl).then(unexpected, ignore),
          java: () => error.java.get(missingUrl).then(unexpected, ignore),
          python: () => error.python.get(missingUrl).then(unexpected, ignore),
          goWithoutRequestId: () => error.goWithoutRequestId.get(missingUrl).then(unexpected, ignore),
          axiosRetry: () => retrying.get(missingUrl).then(unexpected, ignore),
        },
        async check() {
          const ok = await success.go.get(okUrl);
          if (ok.status !== 200 || typeof ok.data !== 'object')
            throw new Error('axios: success response not passed through');
          const bareError = await bare.get(missingUrl).then(unexpected, (failure) => failure);
          if (bareError?.name !== 'AxiosError' || bareError.response?.status !== 404)
            throw new Error('axios: bare error path');
          expectHandwrittenError(await handwritten.get(missingUrl).then(unexpected, (failure) => failure), 'axios');
          const retried = await retrying.get(okUrl);
          // axios-retry's request interceptor leaves its state on the config: proof that it ran, with retries off.
          const retryState = /** @type {{ retries?: unknown } | undefined} */ (
            /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (retried.config))['axios-retry']
          );
          if (retried.status !== 200 || retryState?.retries !== 0)
            throw new Error('axios-retry: success response, or its state (retries: 0) not on the config');
          expectHandwrittenError(
            await retrying.get(missingUrl).then(unexpected, (failure) => failure),
            'axios-retry + hand-written',
          );
          for (const client of Object.values(error))
            expectServiceError(await client.get(missingUrl).then(unexpected, (failure) => failure), 'axios');
          await expectRequestIdHeaders(baseUrl, 'axios', { success, error }, (client, url) => client.get(url));
        },
        close: () => agent.destroy(),
      };
    }
    case 'got': {
      const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
      // No retries on either side: the adapter's `retry: false` sets got's limit to 0 too.
      const bare = got.extend({ agent: { http: agent }, retry: { limit: 0 } });
      const success = {
        go: bare.extend(bceErrors(SUCCESS_OPTIONS.go)),
        java: bare.extend(bceErrors(SUCCESS_OPTIONS.java)),
        python: bare.extend(bceErrors(SUCCESS_OPTIONS.python)),
        goWithoutRequestId: bare.extend(bceErrors(SUCCESS_OPTIONS.goWithoutRequestId)),
      };
      const error = {
        go: bare.extend(bceErrors(ERROR_OPTIONS.go)),
        java: bare.extend(bceErrors(ERROR_OPTIONS.java)),
        python: bare.extend(bceErrors(ERROR_OPTIONS.python)),
        goWithoutRequestId: bare.extend(bceErrors(ERROR_OPTIONS.goWithoutRequestId)),
      };
      // The hand-written reference: got's beforeError hook, with the body got buffered as text.
      const handwritten = bare.extend({
        hooks: {
          beforeError: [
            (failure) => {
              const response = failure.response;
              if (response === undefined) return failure;
              const requestId = response.headers['x-bce-request-id'];
              return /** @type {import('got').RequestError} */ (
                /** @type {unknown} */ (
                  apiError(
                    parseJson(String(response.body)),
                    typeof requestId === 'string' ? requestId : undefined,
                    response.statusCode,
                    failure.message,
                  )
                )
              );
            },
          ],
        },
      });
      return {
        success: {
          bare: () => bare(okUrl),
          handwritten: () => handwritten(okUrl),
          adapter: () => success.go(okUrl),
          java: () => success.java(okUrl),
          python: () => success.python(okUrl),
          goWithoutRequestId: () => success.goWithoutRequestId(okUrl),
        },
        error: {
          // got rejects a 404 with an HTTPError after buffering the body.
          bare: () => bare(missingUrl).then(unexpected, ignore),
          handwritten: () => handwritten(missingUrl).then(unexpected, ignore),
          adapter: () => error.go(missingUrl).then(unexpected, ignore),
          java: () => error.java(missingUrl).then(unexpected, ignore),
          python: () => error.python(missingUrl).then(unexpected, ignore),
          goWithoutRequestId: () => error.goWithoutRequestId(missingUrl).then(unexpected, ignore),
        },
        async check() {
          const ok = await success.go(okUrl);
          if (ok.statusCode !== 200 || !ok.body.startsWith('{'))
            throw new Error('got: success response not passed through');
          const bareError = await bare(missingUrl).then(unexpected, (failure) => failure);
          if (bareError?.name !== 'HTTPError' || bareError.response?.statusCode !== 404)
            throw new Error('got: bare error path');
          expectHandwrittenError(await handwritten(missingUrl).then(unexpected, (failure) => failure), 'got');
          for (const client of Object.values(error))
            expectServiceError(await client(missingUrl).then(unexpected, (failure) => failure), 'got');
          await expectRequestIdHeaders(baseUrl, 'got', { success, error }, (client, url) => client(url));
        },
        close: () => agent.destroy(),
      };
    }
    case 'fetch': {
      // Node's fetch (undici) keeps connections alive by default and opens at most one per request in flight,
      // so `concurrency` requests in flight use `concurrency` connections, as the agents above do.
      const success = {
        go: createBceFetch(SUCCESS_OPTIONS.go),
        java: createBceFetch(SUCCESS_OPTIONS.java),
        python: createBceFetch(SUCCESS_OPTIONS.python),
        goWithoutRequestId: createBceFetch(SUCCESS_OPTIONS.goWithoutRequestId),
      };
      const error = {
        go: createBceFetch(ERROR_OPTIONS.go),
        java: createBceFetch(ERROR_OPTIONS.java),
        python: createBceFetch(ERROR_OPTIONS.python),
        goWithoutRequestId: createBceFetch(ERROR_OPTIONS.goWithoutRequestId),
      };
      // The hand-written reference: a wrapper that reads the body of a response that is not ok.
      /** @param {string} url */
      const handwritten = async (url) => {
        const response = await fetch(url);
        if (response.ok) return response;
        const text = await response.text();
        throw apiError(parseJson(text), response.headers.get('x-bce-request-id') ?? undefined, response.status, text);
      };
      // The peers, retries off (a 404 is not retried by either anyway), each client's other defaults kept: ky's
      // 10 s timeout, ofetch's parse of the body (into the data of its FetchError on the error path).
      const kyClient = ky.create({ retry: 0 });
      const ofetchClient = ofetch.create({ retry: 0 });
      return {
        success: {
          bare: () => fetch(okUrl).then(readText),
          handwritten: () => handwritten(okUrl).then(readText),
          adapter: () => success.go(okUrl).then(readText),
          java: () => success.java(okUrl).then(readText),
          python: () => success.python(okUrl).then(readText),
          goWithoutRequestId: () => success.goWithoutRequestId(okUrl).then(readText),
          ky: () => kyClient.get(okUrl).then(readText),
          ofetch: () => ofetchClient(okUrl),
        },
        error: {
          // Bare fetch does not reject a 404: its error path is the response plus reading the body.
          bare: () => fetch(missingUrl).then(readText),
          handwritten: () => handwritten(missingUrl).then(unexpected, ignore),
          adapter: () => error.go(missingUrl).then(unexpected, ignore),
          java: () => error.java(missingUrl).then(unexpected, ignore),
          python: () => error.python(missingUrl).then(unexpected, ignore),
          goWithoutRequestId: () => error.goWithoutRequestId(missingUrl).then(unexpected, ignore),
          ky: () => kyClient.get(missingUrl).then(unexpected, readKyErrorBody),
          ofetch: () => ofetchClient(missingUrl).then(unexpected, ignore),
        },
        async check() {
          const ok = await success.go(okUrl);
          if (ok.status !== 200 || !(await ok.text()).startsWith('{'))
            throw new Error('fetch: success response not passed through');
          const bareResponse = await fetch(missingUrl);
          if (bareResponse.status !== 404 || !(await bareResponse.text()).includes('NoSuchKey'))
            throw new Error('fetch: bare error path');
          expectHandwrittenError(await handwritten(missingUrl).then(unexpected, (failure) => failure), 'fetch');
          if (!(await kyClient.get(okUrl).then(readText)).startsWith('{')) throw new Error('ky: success response');
          const kyError = await kyClient.get(missingUrl).then(unexpected, (failure) => failure);
          if (!(kyError instanceof HTTPError) || kyError.response.status !== 404)
            throw new Error(`ky: expected its HTTPError 404, got ${String(kyError?.name)}`);
          if (!(await readKyErrorBody(kyError)).includes('NoSuchKey')) throw new Error('ky: error body');
          const ofetched = /** @type {{ bucket?: unknown }} */ (await ofetchClient(okUrl));
          if (ofetched.bucket !== 'bench-bucket') throw new Error('ofetch: success body not parsed');
          const ofetchError = await ofetchClient(missingUrl).then(unexpected, (failure) => failure);
          if (
            ofetchError?.name !== 'FetchError' ||
            ofetchError.statusCode !== 404 ||
            ofetchError.data?.code !== 'NoSuchKey'
          )
            throw new Error(
              `ofetch: expected its FetchError 404 with the parsed body, got ${String(ofetchError?.name)}`,
            );
          for (const client of Object.values(error))
            expectServiceError(await client(missingUrl).then(unexpected, (failure) => failure), 'fetch');
          // The success response's body is read, so that its connection is free for the next request.
          await expectRequestIdHeaders(baseUrl, 'fetch', { success, error }, (client, url) =>
            client(url).then(readText),
          );
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
