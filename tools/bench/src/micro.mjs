// @ts-check
// Child process: the in-process figures, measured with tinybench on the built packages.
//
// Every task function runs a batch of operations (BATCH, or SMALL_BATCH for the 64 KiB bodies: one operation of
// ~100 ns is below what a timer read per sample can resolve), and the figure is the mean time per operation. Each task is measured in several
// short passes interleaved with its baseline, and the median pass is kept, so a burst of load from another
// process on the machine moves one pass, not the figure.
//
// argv: <json config {time, passes}>; prints one JSON line on stdout.
import { EventEmitter } from 'node:events';
import { realpathSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installBceErrors } from '@bce-errors/axios';
import { BceServiceError, parseServiceError, redactText } from '@bce-errors/core';
import { createBceFetch } from '@bce-errors/fetch';
import { bceErrors } from '@bce-errors/got';
import axios, { AxiosHeaders } from 'axios';
import { Bench } from 'tinybench';
import { apiError, parseJson } from './clients.mjs';
import { ERROR_BODY, ERROR_REQUEST_ID, SUCCESS_BODY } from './fixtures.mjs';
import { median } from './stats.mjs';

const config = /** @type {{ time?: number, passes?: number }} */ (JSON.parse(process.argv[2] ?? '{}'));
const TIME_MS = config.time ?? 150;
const PASSES = config.passes ?? 5;
const BATCH = 200;
const SMALL_BATCH = 10;
const batchOf = (/** @type {string} */ name) => (name.includes('64KiB') ? SMALL_BATCH : BATCH);
let sink = 0;

// ---------------------------------------------------------------------------------------------------------------
// Inputs of the parser: the typical error response, and one whose body is exactly 64 KiB (the default
// maxErrorBodyBytes), as JSON and as an HTML page from a proxy (the malformed path).
const headers = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': String(ERROR_BODY.byteLength),
  'x-bce-request-id': ERROR_REQUEST_ID,
  date: 'Wed, 01 May 2024 08:00:00 GMT',
  server: 'BWS',
  connection: 'keep-alive',
};
const typicalBody = new Uint8Array(ERROR_BODY);
const KIB64 = 64 * 1024;
/** @param {number} bytes */
function padJson(bytes) {
  const head = `{"code":"InvalidArgument","requestId":"${ERROR_REQUEST_ID}","message":"`;
  const tail = '"}';
  const sentence = 'The value of the field is not valid for this request. ';
  const message = sentence.repeat(Math.ceil(bytes / sentence.length)).slice(0, bytes - head.length - tail.length);
  return new TextEncoder().encode(head + message + tail);
}
const jsonBody64 = padJson(KIB64);
const htmlBody64 = new TextEncoder().encode(
  `<html><head><title>502 Bad Gateway</title></head><body>${'<p>upstream error</p>'.repeat(4000)}`.slice(0, KIB64),
);
if (jsonBody64.byteLength !== KIB64 || htmlBody64.byteLength !== KIB64) throw new Error('64 KiB bodies are not 64 KiB');
JSON.parse(new TextDecoder().decode(jsonBody64));

const message64KiB = /** @type {{ message: string }} */ (JSON.parse(new TextDecoder().decode(jsonBody64))).message;
const parseInput = (/** @type {Uint8Array} */ body) => ({ status: 404, statusText: 'Not Found', headers, body });
/** @type {import('@bce-errors/core').ParseServiceErrorOptions} */
const parseOptions = { style: 'go' };
{
  const parsed = parseServiceError(parseInput(typicalBody), parseOptions);
  if (parsed?.code !== 'NoSuchKey' || parsed.requestId !== ERROR_REQUEST_ID)
    throw new Error('parser: typical body misread');
  const big = parseServiceError(parseInput(jsonBody64), parseOptions);
  if (big?.code !== 'InvalidArgument' || big.bodyTruncated) throw new Error('parser: 64 KiB JSON body misread');
  if (parseServiceError(parseInput(htmlBody64), parseOptions)?.code !== 'MalformedJSON')
    throw new Error('parser: HTML');
}

// ---------------------------------------------------------------------------------------------------------------
// axios: the request and response interceptor chains exactly as Axios.prototype._request runs them when every
// request interceptor is synchronous (axios 1.x lib/core/Axios.js), with dispatchRequest replaced by a resolved
// response. Bare = an instance without interceptors, same code.
/**
 * @typedef {((value: unknown) => unknown) | null | undefined} Settle
 *
 * An interceptor as axios' InterceptorManager stores it and hands it to its `forEach` (which axios' types omit).
 * @typedef {object} StoredInterceptor
 * @property {Settle} fulfilled
 * @property {Settle} rejected
 * @property {boolean} synchronous
 */
/** @typedef {{ forEach: (visit: (interceptor: StoredInterceptor) => void) => void }} StoredInterceptors */
/**
 * @param {import('axios').AxiosInstance} instance
 * @param {unknown} response
 */
function axiosChain(instance, response) {
  /** @type {Settle[]} */
  const requestChain = [];
  /** @type {StoredInterceptors} */ (/** @type {unknown} */ (instance.interceptors.request)).forEach((interceptor) => {
    if (!interceptor.synchronous) throw new Error('the bench assumes synchronous request interceptors');
    requestChain.push(interceptor.fulfilled, interceptor.rejected);
  });
  /** @type {Settle[]} */
  const responseChain = [];
  /** @type {StoredInterceptors} */ (/** @type {unknown} */ (instance.interceptors.response)).forEach((interceptor) => {
    responseChain.push(interceptor.fulfilled, interceptor.rejected);
  });
  let requestConfig = { method: 'get', url: '/ok', headers: new AxiosHeaders() };
  for (let i = 0; i < requestChain.length; i += 2) {
    const fulfilled = requestChain[i];
    // A synchronous request interceptor returns the config itself, not a promise of it.
    requestConfig = fulfilled ? /** @type {typeof requestConfig} */ (fulfilled(requestConfig)) : requestConfig;
  }
  /** @type {Promise<unknown>} */
  let promise = Promise.resolve(response);
  for (let i = 0; i < responseChain.length; i += 2) promise = promise.then(responseChain[i], responseChain[i + 1]);
  return promise;
}
const axiosResponse = { status: 200, statusText: 'OK', headers: {}, data: { ok: true }, config: {} };
const axiosBare = axios.create();
const axiosAdapter = axios.create();
installBceErrors(axiosAdapter, { style: 'go' });
const axiosAdapterNoId = axios.create();
installBceErrors(axiosAdapterNoId, { style: 'go', requestId: false });
// The whole axios pipeline (mergeConfig, headers, interceptors, transformResponse, validateStatus) over an axios
// `adapter` that answers at once with a canned 200: what the adapter adds as axios itself runs it, minus the wire.
/** @type {import('axios').AxiosAdapter} */
const cannedAdapter = async (requestConfig) => ({
  data: SUCCESS_BODY.toString(),
  status: 200,
  statusText: 'OK',
  headers: { 'content-type': 'application/json' },
  config: requestConfig,
  request: {},
});
const axiosCannedBare = axios.create({ adapter: cannedAdapter });
const axiosCannedAdapter = axios.create({ adapter: cannedAdapter });
installBceErrors(axiosCannedAdapter, { style: 'go' });

// ---------------------------------------------------------------------------------------------------------------
// fetch: createBceFetch over a fake fetch that returns a prebuilt Response, vs calling the fake fetch directly.
const prebuilt = new Response(SUCCESS_BODY, { status: 200, headers: { 'content-type': 'application/json' } });
/** @type {typeof fetch} */
const fakeFetch = async () => prebuilt;
const bceFetch = createBceFetch({ style: 'go', fetch: fakeFetch });
const bceFetchNoId = createBceFetch({ style: 'go', fetch: fakeFetch, requestId: false });
const fetchUrl = 'http://127.0.0.1:8080/ok';

// ---------------------------------------------------------------------------------------------------------------
// got: what the adapter adds to one successful request, as got 14 runs it:
//  1. its beforeRequest hook (the x-bce-request-id header) on the request options;
//  2. its handler: `next()`, then a `then`, `catch` and `finally` assigned to got's own promise (so a rejection is
//     converted) and the promise returned as it is, which got's create.js then leaves alone (a handler that returns
//     a new promise makes got copy json/text/buffer/on/off/cancel onto it);
//  3. its request function's `once('response')` listener, which returns at once for a status < 300 (the real
//     listener, taken from a ClientRequest that function builds).
// Bare = got's own path: the PCancelable promise got returns, with its shortcuts, awaited; the ClientRequest
// with got's response listener only. Both sides build the same options and emitter.
// got's package folder, through the workspace link; pnpm puts got's own dependencies beside it.
const gotPackageDir = realpathSync(new URL('../node_modules/got', import.meta.url));
/** @type {PromiseConstructor} */
let PCancelable;
try {
  ({ default: PCancelable } = await import(pathToFileURL(join(gotPackageDir, '..', 'p-cancelable', 'index.js')).href));
} catch {
  PCancelable = Promise; // a layout without got's own copy: a native promise stands in for it
}
/**
 * Stand-ins for got's objects, with the fields the adapter and the code below read.
 * @typedef {{ statusCode: number, body: string }} GotResponse
 * @typedef {{ isStream: boolean, headers: Record<string, string> }} GotOptions
 * @typedef {Promise<GotResponse> & {
 *   on: () => GotPromise, off: () => GotPromise, json: () => Promise<unknown>, buffer: () => Promise<Buffer>,
 *   text: () => Promise<string>, cancel?: () => void }} GotPromise
 * @typedef {(options: GotOptions, next: (options: GotOptions) => GotPromise) => unknown} GotHandler
 * @typedef {(options: { headers: Record<string, string> }) => unknown} GotBeforeRequest
 * @typedef {(response: unknown) => void} ResponseListener
 */
/** @type {GotResponse} */
const gotResponse = { statusCode: 200, body: SUCCESS_BODY.toString() };
// A settled promise as got's asPromise() builds it: a PCancelable with got's shortcuts as own properties. A fresh
// one per request on both sides, because the adapter's handler adds properties to it (a reused object would only
// measure stores to properties it already has).
function createGotPromise() {
  const promise = /** @type {GotPromise} */ (new PCancelable((resolve) => resolve(gotResponse)));
  promise.on = () => promise;
  promise.off = () => promise;
  promise.json = () => promise.then((response) => /** @type {unknown} */ (JSON.parse(response.body)));
  promise.buffer = () => promise.then((response) => Buffer.from(response.body));
  promise.text = () => promise.then((response) => response.body);
  return promise;
}
// got/dist/source/create.js, iterateHandlers: what got does with a handler's promise result. A copy: got keeps it
// inside create(). test/got-mirror.test.mjs fails when got's own text of it changes.
/**
 * @param {GotHandler} handler
 * @param {GotOptions} options
 */
function gotIterate(handler, options) {
  const promise = createGotPromise();
  const lastHandler = () => promise;
  const result = handler(options, lastHandler);
  if (result instanceof Promise && !options.isStream) {
    if (result !== promise) {
      const descriptors = Object.getOwnPropertyDescriptors(promise);
      for (const key in descriptors) {
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- got's own code, copied as it is
        if (key in result) delete descriptors[key];
      }
      Object.defineProperties(result, descriptors);
      /** @type {GotPromise} */ (result).cancel = promise.cancel;
    }
  }
  return result;
}
/**
 * The adapter's handler, to be called as got calls it, here with a stand-in for got's options.
 * @param {import('got').ExtendOptions} extension
 * @returns {GotHandler}
 */
function handlerOf(extension) {
  const [handler] = extension.handlers ?? [];
  if (handler === undefined) throw new Error('got: expected a handler from bceErrors()');
  return /** @type {GotHandler} */ (/** @type {unknown} */ (handler));
}
/**
 * The `once('response')` listener that the adapter's got `request` function puts on every ClientRequest it makes
 * (core's error-body watcher, which returns at once for a status < 300): taken from a real ClientRequest built by
 * that function, with an agent that never gives it a socket, so nothing is sent.
 * @param {import('got').ExtendOptions} extension
 * @returns {ResponseListener}
 */
function responseListenerOf(extension) {
  class NoSocketAgent extends http.Agent {
    addRequest() {
      // Never hands out a socket: the request stays unsent.
    }
  }
  const request = extension.request?.(new URL('http://127.0.0.1/'), { agent: new NoSocketAgent() });
  if (!(request instanceof http.ClientRequest))
    throw new Error('got: expected bceErrors() to build its own ClientRequest');
  const listeners = request.listeners('response');
  if (listeners.length !== 1) throw new Error(`got: expected 1 response listener, found ${String(listeners.length)}`);
  return /** @type {ResponseListener} */ (listeners[0]);
}
const gotExtension = bceErrors({ style: 'go' });
const gotExtensionNoId = bceErrors({ style: 'go', requestId: false });
const gotHandler = handlerOf(gotExtension);
const gotHandlerNoId = handlerOf(gotExtensionNoId);
const [gotBeforeRequestHook] = gotExtension.hooks?.beforeRequest ?? [];
if (gotBeforeRequestHook === undefined) throw new Error('got: expected a beforeRequest hook with requestId');
// Called with a stand-in for got's options: the hook only sets a header on them.
const gotBeforeRequest = /** @type {GotBeforeRequest} */ (/** @type {unknown} */ (gotBeforeRequestHook));
if ((gotExtensionNoId.hooks?.beforeRequest ?? []).length !== 0)
  throw new Error('got: expected no beforeRequest hook without requestId');
const gotOwnListener = () => undefined;
const gotWatcher = responseListenerOf(gotExtension);
const gotWatcherNoId = responseListenerOf(gotExtensionNoId);
/** @type {GotHandler} */
const gotBareHandler = (options, next) => next(options);
/**
 * @param {GotHandler} handler
 * @param {GotBeforeRequest | undefined} hook
 * @param {ResponseListener | undefined} watcher The adapter's response listener, beside got's own.
 */
async function gotOnce(handler, hook, watcher) {
  /** @type {GotOptions} */
  const options = { isStream: false, headers: { 'user-agent': 'got' } };
  if (hook) hook(options);
  const request = new EventEmitter();
  request.once('response', gotOwnListener);
  if (watcher) request.once('response', watcher);
  request.emit('response', gotResponse);
  return gotIterate(handler, options);
}

// ---------------------------------------------------------------------------------------------------------------
const syncTasks = {
  errorReference: () => new Error('[Code: NoSuchKey; Message: The specified key does not exist.; RequestId: x]'),
  parseTypical: () => parseServiceError(parseInput(typicalBody), parseOptions),
  // Issue 14's comparison for the parse: what the hand-written interceptor does with the same bytes and headers
  // (decode, JSON.parse, one Error subclass with code, message, request id and status).
  handwrittenParseTypical: () =>
    apiError(parseJson(new TextDecoder().decode(typicalBody)), headers['x-bce-request-id'], 404, 'Not Found'),
  parse64KiBJson: () => parseServiceError(parseInput(jsonBody64), parseOptions),
  parse64KiBHtml: () => parseServiceError(parseInput(htmlBody64), parseOptions),
  // The parts of a parse, to see what dominates it.
  decodeAndJsonTypical: () => JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(typicalBody)),
  decodeAndJson64KiB: () => JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(jsonBody64)),
  redact64KiBMessage: () => redactText(message64KiB),
  serviceErrorTypical: () =>
    new BceServiceError({
      style: 'go',
      code: 'NoSuchKey',
      errorMessage: 'The specified key does not exist.',
      requestId: ERROR_REQUEST_ID,
      statusCode: 404,
    }),
};
const asyncTasks = {
  axiosBare: () => axiosChain(axiosBare, axiosResponse),
  axiosAdapter: () => axiosChain(axiosAdapter, axiosResponse),
  axiosAdapterNoRequestId: () => axiosChain(axiosAdapterNoId, axiosResponse),
  axiosPipelineBare: () => axiosCannedBare.get('http://127.0.0.1:8080/ok'),
  axiosPipelineAdapter: () => axiosCannedAdapter.get('http://127.0.0.1:8080/ok'),
  fetchBare: () => fakeFetch(fetchUrl),
  fetchAdapter: () => bceFetch(fetchUrl),
  fetchAdapterNoRequestId: () => bceFetchNoId(fetchUrl),
  gotBare: () => gotOnce(gotBareHandler, undefined, undefined),
  gotAdapter: () => gotOnce(gotHandler, gotBeforeRequest, gotWatcher),
  gotAdapterNoRequestId: () => gotOnce(gotHandlerNoId, undefined, gotWatcherNoId),
};

// Sanity: the hand-written parse reads the fields the parser reads; the adapters' success paths hand back what
// they were given.
{
  const handwritten = syncTasks.handwrittenParseTypical();
  if (handwritten.code !== 'NoSuchKey' || handwritten.requestId !== ERROR_REQUEST_ID || handwritten.statusCode !== 404)
    throw new Error('hand-written parse: typical body misread');
  const response = await axiosChain(axiosAdapter, axiosResponse);
  if (response !== axiosResponse) throw new Error('axios chain changed the response');
  if ((await bceFetch(fetchUrl)) !== prebuilt) throw new Error('bceFetch changed the response');
  const gotResult = await gotOnce(gotHandler, gotBeforeRequest, gotWatcher);
  if (gotResult !== gotResponse) throw new Error('got handler changed the response');
  /** @type {{ headers: Record<string, string> }} */
  const options = { headers: {} };
  gotBeforeRequest(options);
  if (typeof options.headers['x-bce-request-id'] !== 'string') throw new Error('got hook set no request id');
}

// Stack capture costs per frame, up to Error.stackTraceLimit (10) frames: every sync task runs 12 calls deep, so
// the reference Error and the parser's BceServiceError both capture a full stack, as they would inside an
// application, instead of whatever depth tinybench's own frames happen to give each.
const STACK_DEPTH = 12;
/**
 * @param {number} depth
 * @param {() => unknown} fn
 * @returns {unknown}
 */
function deep(depth, fn) {
  return depth === 0 ? fn() : deep(depth - 1, fn);
}
/**
 * @param {() => unknown} fn
 * @param {number} size
 */
function batchSync(fn, size) {
  return () => {
    for (let i = 0; i < size; i += 1) if (deep(STACK_DEPTH, fn) !== undefined) sink += 1;
  };
}
/**
 * @param {() => Promise<unknown>} fn
 * @param {number} size
 */
function batchAsync(fn, size) {
  return async () => {
    for (let i = 0; i < size; i += 1) if ((await fn()) !== undefined) sink += 1;
  };
}

/** @typedef {keyof typeof syncTasks | keyof typeof asyncTasks} TaskName */
/** @type {Record<string, number[]>} */
const samples = Object.fromEntries([...Object.keys(syncTasks), ...Object.keys(asyncTasks)].map((name) => [name, []]));
for (let pass = 0; pass < PASSES; pass += 1) {
  const bench = new Bench({
    time: TIME_MS,
    iterations: 10,
    warmup: pass === 0,
    warmupTime: TIME_MS,
    warmupIterations: 10,
  });
  for (const [name, fn] of Object.entries(syncTasks)) bench.add(name, batchSync(fn, batchOf(name)));
  for (const [name, fn] of Object.entries(asyncTasks)) bench.add(name, batchAsync(fn, batchOf(name)));
  await bench.run();
  for (const task of bench.tasks) {
    if (task.result.state !== 'completed') {
      throw new Error(
        `${task.name}: ${task.result.state === 'errored' ? String(task.result.error) : task.result.state}`,
      );
    }
    const values = samples[task.name];
    if (values === undefined) throw new Error(`${task.name}: not a task of this bench`);
    values.push((task.result.latency.mean * 1e6) / batchOf(task.name));
  }
  process.stderr.write('.');
}
process.stderr.write('\n');
const ns = /** @type {Record<TaskName, number>} */ (
  Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]))
);

const us = (/** @type {number} */ value) => value / 1000;
const result = {
  batch: BATCH,
  smallBatch: SMALL_BATCH,
  passes: PASSES,
  stackDepth: STACK_DEPTH,
  perOpNs: ns,
  errorReferenceUs: us(ns.errorReference),
  parseUs: {
    typical: us(ns.parseTypical),
    handwrittenTypical: us(ns.handwrittenParseTypical),
    body64KiB: us(ns.parse64KiBJson),
    body64KiBHtml: us(ns.parse64KiBHtml),
  },
  parseParts: {
    decodeAndJsonTypicalUs: us(ns.decodeAndJsonTypical),
    decodeAndJson64KiBUs: us(ns.decodeAndJson64KiB),
    serviceErrorTypicalUs: us(ns.serviceErrorTypical),
    redact64KiBMessageUs: us(ns.redact64KiBMessage),
  },
  successHookNs: {
    axios: ns.axiosAdapter - ns.axiosBare,
    got: ns.gotAdapter - ns.gotBare,
    fetch: ns.fetchAdapter - ns.fetchBare,
  },
  // axios only: the same delta through axios' whole request pipeline with a canned transport.
  axiosPipelineNs: ns.axiosPipelineAdapter - ns.axiosPipelineBare,
  successHookNsWithoutRequestId: {
    axios: ns.axiosAdapterNoRequestId - ns.axiosBare,
    got: ns.gotAdapterNoRequestId - ns.gotBare,
    fetch: ns.fetchAdapterNoRequestId - ns.fetchBare,
  },
  sink,
};
/** @typedef {typeof result} MicroResult What this child prints. */
process.stdout.write(`${JSON.stringify(result)}\n`);
