import {
  watchErrorBody,
  watchedErrorBody,
  type ErrorBodyDecoders,
  type WatchableResponse,
  type WatchedErrorBody,
} from '@bce-errors/core/adapter';
import type { AgentBounding, AgentsConfig } from './agent-bounding.js';
import { readNodeStream } from './read-node-stream.js';

// axios reads a whole response body into memory before any interceptor runs. In Node its requests go through an
// `http.Agent`, which sees each request before it is sent: an agent that attaches the error-body watcher to every
// request lets the adapter stop an error body at `maxErrorBodyBytes`, as the got and fetch adapters do.

interface RequestLike {
  once(event: 'response', listener: (response: WatchableResponse) => void): unknown;
  prependOnceListener?(event: 'response', listener: (response: WatchableResponse) => void): unknown;
  on(event: 'error', listener: (this: RequestLike, error: unknown) => void): unknown;
  /** Node's ClientRequest keeps the response it received. */
  res?: unknown;
}

interface AgentLike {
  addRequest(request: RequestLike, options: unknown): unknown;
}

interface NodeModules {
  httpAgent: AgentLike;
  httpsAgent: AgentLike;
  /** `new http.Agent()`: what Node makes for each request whose agent is `false`. */
  createHttpAgent: () => AgentLike;
  /** `new https.Agent()`, likewise. */
  createHttpsAgent: () => AgentLike;
  zlib: ErrorBodyDecoders;
}

type GetBuiltinModule = (id: string) => unknown;

// The Node responses a watcher keeps the error body of: the adapter drains axios' copy of those (a `responseType:
// 'stream'` body nobody reads would hold the response back, and the watcher with it).
const watchedResponses = new WeakSet();

// The error each request failed with after its response arrived (a TCP reset mid-body), and that response: axios
// rejects with that error as `cause` but without the response, whose status, headers and bytes are the attempt's
// outcome (core's AttemptFacts.response), as through got and fetch.
const brokenResponses = new WeakMap<object, unknown>();

/**
 * A request's 'error' listener once its response arrived; one function for every request (`this` is the request),
 * so a request allocates nothing for it.
 */
function recordBrokenResponse(this: RequestLike, error: unknown): void {
  if (typeof error === 'object' && error !== null && this.res !== undefined) brokenResponses.set(error, this.res);
}

function responseBrokenBy(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? brokenResponses.get(error) : undefined;
}

/** What the watcher an agent of {@link createAgentBounding} attached kept, or `undefined` if none was attached. */
function watchedBody(response: unknown): Promise<WatchedErrorBody | undefined> | undefined {
  return typeof response === 'object' && response !== null && watchedResponses.has(response)
    ? watchedErrorBody(response)
    : undefined;
}

/**
 * Node's own `http`, `https` and `zlib`, through `process.getBuiltinModule` (Node >= 20.16) so that the package
 * imports no Node module and still bundles for a browser, where axios uses no agents.
 */
function loadNodeModules(): NodeModules | undefined {
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } }).process
    ?.getBuiltinModule;
  if (typeof getBuiltinModule !== 'function') return undefined;
  type AgentModule = { globalAgent: AgentLike; Agent: new () => AgentLike } | undefined;
  const http = getBuiltinModule('node:http') as AgentModule;
  const https = getBuiltinModule('node:https') as AgentModule;
  const zlib = getBuiltinModule('node:zlib') as ErrorBodyDecoders | undefined;
  if (http === undefined || https === undefined || zlib === undefined) return undefined;
  return {
    httpAgent: http.globalAgent,
    httpsAgent: https.globalAgent,
    createHttpAgent: () => new http.Agent(),
    createHttpsAgent: () => new https.Agent(),
    zlib,
  };
}

function isAgent(value: unknown): value is AgentLike {
  return (
    typeof value === 'object' && value !== null && typeof (value as { addRequest?: unknown }).addRequest === 'function'
  );
}

/**
 * A function that gives an axios request config agents which watch error bodies: the config's own agents (or
 * Node's global ones), each seen through a wrapper whose `addRequest` attaches the watcher and then hands the
 * request to the agent itself. Wrappers are made once per agent. Does nothing outside Node.
 */
function createAgentBounding(maxBytes: number, isError: (status: number) => boolean): (config: AgentsConfig) => void {
  const modules = loadNodeModules();
  if (modules === undefined) return () => undefined;
  const { zlib } = modules;
  const wrappers = new WeakMap<AgentLike, AgentLike>();
  const ownWrappers = new WeakSet();

  // Nearly every request uses the same one or two agents: the last ones asked for are answered without a lookup.
  let lastAgents: unknown[] = [];
  let lastWrappers: unknown[] = [];

  function bounded(agent: unknown): unknown {
    const index = lastAgents.indexOf(agent);
    if (index !== -1) return lastWrappers[index];
    // `false` and other non-agents are axios' and Node's to interpret; a retry's config already has our wrapper.
    if (!isAgent(agent) || ownWrappers.has(agent)) return agent;
    let wrapper = wrappers.get(agent);
    if (wrapper === undefined) {
      // Every other property and method is read from the agent itself, and its own state stays on it.
      const created = Object.create(agent) as AgentLike;
      created.addRequest = (request, options) => {
        const watch = (response: WatchableResponse): void => {
          if (isError(response.statusCode ?? 0)) watchedResponses.add(response);
          watchErrorBody(response, maxBytes, zlib, isError);
          request.on('error', recordBrokenResponse);
        };
        // Before axios' own listener, which pipes the response into its decoder: the watcher follows that pipe and
        // stops the decoder too once the decoded body passes the bound.
        if (typeof request.prependOnceListener === 'function') request.prependOnceListener('response', watch);
        else request.once('response', watch);
        return agent.addRequest(request, options);
      };
      wrappers.set(agent, created);
      ownWrappers.add(created);
      wrapper = created;
    }
    lastAgents = [agent, ...lastAgents.slice(0, 1)];
    lastWrappers = [wrapper, ...lastWrappers.slice(0, 1)];
    return wrapper;
  }

  // `false` (no connection reuse) would leave the request without an agent to watch through, and its error body
  // unbounded: such a request gets an agent with Node's defaults instead, as Node itself would make one for it. With
  // `keepAlive` off and no socket limit, that agent never reuses a connection either (each request sends
  // `Connection: close`, and its socket is destroyed once the response ends); one is shared by the requests of an
  // install, so only its TLS session cache outlives a request.
  let httpAgentForFalse: AgentLike | undefined;
  let httpsAgentForFalse: AgentLike | undefined;
  return (config) => {
    const { httpAgent, httpsAgent } = config;
    config.httpAgent = bounded(
      httpAgent === false ? (httpAgentForFalse ??= modules.createHttpAgent()) : (httpAgent ?? modules.httpAgent),
    );
    config.httpsAgent = bounded(
      httpsAgent === false ? (httpsAgentForFalse ??= modules.createHttpsAgent()) : (httpsAgent ?? modules.httpsAgent),
    );
  };
}

/** Node's bounding: the agents' watcher on every request (the package's default, non-browser build). */
export const nodeAgentBounding: AgentBounding = {
  bind: createAgentBounding,
  watchedBody,
  responseBrokenBy,
  readNodeStream,
};
