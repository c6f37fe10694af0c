import type { AgentBounding } from './agent-bounding.js';

/**
 * The browser build's bounding: axios' XHR and fetch adapters use no agents, so there is nothing to watch; the
 * adapter bounds what axios buffered itself (`read-response-data.ts`).
 */
export const noAgentBounding: AgentBounding = {
  bind: () => () => undefined,
  watchedBody: () => undefined,
  responseBrokenBy: () => undefined,
  readNodeStream: undefined,
};
