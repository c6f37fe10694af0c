/**
 * A connection pool for Node's built-in fetch. fetch only accepts a dispatcher of its own undici major: Node 26's
 * fetch (undici 8) rejects an undici 6 Agent with `invalid onError method`, because undici 7 replaced the handler
 * API. So the Agent comes from the undici release that Node's fetch is built on (`process.versions.undici`).
 */

/** What the drivers need of an undici Agent, the same in undici 6, 7 and 8. */
export interface FetchDispatcher {
  destroy(): Promise<void>;
}

interface AgentOptions {
  connections: number;
  pipelining: number;
}

type AgentConstructor = new (options: AgentOptions) => FetchDispatcher;

/** The undici major of Node's own fetch: 6 on Node 20 and 22, 7 on Node 24, 8 on Node 26. */
export function builtInUndiciMajor(): number {
  return Number(process.versions.undici?.split('.')[0]);
}

/**
 * The Agent class of the installed undici with the same major as Node's fetch (the `undici`, `undici-7` and
 * `undici-8` devDependencies). Imported only on its line: undici 8 does not load on Node 20.
 */
async function loadAgent(major: number): Promise<AgentConstructor> {
  switch (major) {
    case 6:
      return (await import('undici')).Agent;
    case 7:
      return (await import('undici-7')).Agent;
    case 8:
      return (await import('undici-8')).Agent;
    default:
      // An unbounded pool would open one socket per request in the load test (10 000 at once): fail instead.
      throw new Error(
        `Node ${process.version}'s fetch is undici ${String(process.versions.undici)}: add an undici-${String(major)} devDependency to tools/reliability`,
      );
  }
}

const Agent = await loadAgent(builtInUndiciMajor());

/** A keep-alive pool of `connections` sockets that Node's fetch accepts as `dispatcher`. */
export function createFetchDispatcher(connections: number): FetchDispatcher {
  return new Agent({ connections, pipelining: 1 });
}
