// The script Deno and Bun run: every planned request at once, one JSON line per result, then an `unhandled` line.
import type { SmokeRequest } from '../smoke-scenario.js';
import { runRequest } from './run-request.js';

// Replaced by esbuild (`define`) with the plan's JSON.
declare const SMOKE_PLAN: readonly SmokeRequest[];

const unhandled: string[] = [];
globalThis.addEventListener('unhandledrejection', (event) => {
  unhandled.push(String(event.reason));
  event.preventDefault();
});

const results = await Promise.all(SMOKE_PLAN.map(runRequest));
for (const result of results) console.log(JSON.stringify(result));
console.log(JSON.stringify({ unhandled }));
