// @ts-check
// Child process (node --expose-gc): heap growth under failing requests (404 BCE errors) through one client.
// After `warmup` requests the heap is collected and measured; then `perStep` more requests, collect, measure, and
// once more, so the growth after N and after 2N requests shows whether anything is kept per request.
//
// argv: <serverUrl> <adapter> <bare|adapter> <json config {warmup, perStep, concurrency}>; prints one JSON line.
import v8 from 'node:v8';
import { createClients } from './clients.mjs';

/**
 * What this child prints.
 * @typedef {object} HeapFigures
 * @property {number} baseHeapBytes
 * @property {number} growthFirstStep
 * @property {number} growthSecondStep
 */

const [serverUrl, name, variant, configText] = process.argv.slice(2);
if (
  serverUrl === undefined ||
  name === undefined ||
  (variant !== 'bare' && variant !== 'adapter') ||
  configText === undefined
) {
  throw new Error('usage: node heap-child.mjs <serverUrl> <adapter> <bare|adapter> <json config>');
}
const { warmup, perStep, concurrency } = /** @type {{ warmup: number, perStep: number, concurrency: number }} */ (
  JSON.parse(configText)
);
if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
const { gc } = globalThis;

/**
 * @param {import('./clients.mjs').Send} fn
 * @param {number} count
 */
async function send(fn, count) {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started += 1;
      await fn();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

// Full collections with turns of the event loop in between, so that finalizers and weak references settle; then
// the bytes used by objects: every V8 heap space but the code spaces, where the JIT's optimized code lands
// whenever V8 decides to optimize something, which is not memory kept per request.
async function settledHeap() {
  for (let i = 0; i < 4; i += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return v8
    .getHeapSpaceStatistics()
    .filter((space) => !space.space_name.startsWith('code_'))
    .reduce((sum, space) => sum + space.space_used_size, 0);
}

const clients = createClients(name, serverUrl, concurrency);
await clients.check();
const fn = clients.error[variant];
await send(fn, warmup);
const base = await settledHeap();
await send(fn, perStep);
const afterStep = await settledHeap();
await send(fn, perStep);
const afterTwoSteps = await settledHeap();
clients.close();
process.stdout.write(
  `${JSON.stringify({
    baseHeapBytes: base,
    [`growthAfter${perStep}`]: afterStep - base,
    [`growthAfter${2 * perStep}`]: afterTwoSteps - base,
    growthFirstStep: afterStep - base,
    growthSecondStep: afterTwoSteps - afterStep,
  })}\n`,
);
