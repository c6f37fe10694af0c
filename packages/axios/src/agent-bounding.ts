import type { WatchedErrorBody } from '@bce-errors/core/adapter';
import type { NodeStreamReader } from './read-response-data.js';

/** The two agents of an axios request config, as the adapter sets them. */
export interface AgentsConfig {
  httpAgent?: unknown;
  httpsAgent?: unknown;
}

/**
 * How an install bounds error bodies before axios buffers them: in Node, agents that watch every response (see
 * `bounded-agents.ts`); in a browser build, nothing (XHR and fetch have no agents), so that none of the Node-only
 * watcher ships there (issue 14).
 */
export interface AgentBounding {
  /** A function that gives a request config agents which watch error bodies of at most `maxBytes`. */
  bind(maxBytes: number, isError: (status: number) => boolean): (config: AgentsConfig) => void;
  /** What the watcher kept of this Node response's error body, or `undefined` when no watcher ran on it. */
  watchedBody(response: unknown): Promise<WatchedErrorBody | undefined> | undefined;
  /**
   * The Node response whose request then failed with `error` (a TCP reset mid-body), or `undefined`. axios rejects
   * such an attempt with neither `response` nor `request.res` (its `request` is follow-redirects' wrapper), but
   * with the request's error as `cause`.
   */
  responseBrokenBy(error: unknown): unknown;
  /** The reader of a Node `Readable` body (`responseType: 'stream'`): Node only, none in a browser build. */
  readNodeStream: NodeStreamReader | undefined;
}
