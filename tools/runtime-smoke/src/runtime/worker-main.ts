// The workerd worker: `GET /run?key=K` runs the planned request K through the runtime's fetch and answers its
// result as JSON. One request per case keeps each invocation's subrequests few.
import type { SmokeRequest } from '../smoke-scenario.js';
import { runRequest } from './run-request.js';

// Replaced by esbuild (`define`) with the plan's JSON.
declare const SMOKE_PLAN: readonly SmokeRequest[];

/** The module worker's handlers (workerd reads the default export). */
export default {
  async fetch(request: Request): Promise<Response> {
    const key = new URL(request.url).searchParams.get('key');
    const planned = SMOKE_PLAN.find((candidate) => candidate.key === key);
    if (planned === undefined) return new Response(`no planned request ${String(key)}`, { status: 400 });
    return Response.json(await runRequest(planned));
  },
};
