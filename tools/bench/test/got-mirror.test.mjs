// @ts-check
// src/micro.mjs measures the got adapter's handler as got runs it. got keeps that code (iterateHandlers, and the
// lastHandler that makes got's promise) inside create(), where nothing can import it, so micro.mjs runs a copy of it
// (gotIterate, createGotPromise). This test pins got's own text of it: when a new got changes it, the test fails,
// and gotIterate must be compared with got's new code before GOT_HANDLER_CHAIN below is updated.
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// got/dist/source/create.js of got 14.6.5, from `const lastHandler` to `return iterateHandlers(...)`, each line trimmed.
const GOT_HANDLER_CHAIN = `
const lastHandler = (normalized) => {
// Note: \`options\` is \`undefined\` when \`new Options(...)\` fails
request.options = normalized;
request._noPipe = !normalized?.isStream;
void request.flush();
if (normalized?.isStream) {
return request;
}
promise ||= asPromise(request);
return promise;
};
let iteration = 0;
const iterateHandlers = (newOptions) => {
const handler = defaults.handlers[iteration++] ?? lastHandler;
const result = handler(newOptions, iterateHandlers);
if (is.promise(result) && !request.options?.isStream) {
promise ||= asPromise(request);
if (result !== promise) {
const descriptors = Object.getOwnPropertyDescriptors(promise);
for (const key in descriptors) {
if (key in result) {
// eslint-disable-next-line @typescript-eslint/no-dynamic-delete
delete descriptors[key];
}
}
// eslint-disable-next-line @typescript-eslint/no-floating-promises
Object.defineProperties(result, descriptors);
result.cancel = promise.cancel;
}
}
return result;
};
return iterateHandlers(request.options);
`.trim();

/** @param {string} source */
function handlerChainOf(source) {
  const start = source.indexOf('const lastHandler = ');
  const endMarker = 'return iterateHandlers(request.options);';
  const end = source.indexOf(endMarker, start);
  if (start === -1 || end === -1) return undefined;
  return source
    .slice(start, end + endMarker.length)
    .split('\n')
    .map((line) => line.trim())
    .join('\n');
}

describe('the copy of got code in src/micro.mjs', () => {
  it("still matches got's handler chain (got/dist/source/create.js)", () => {
    // The same got as micro.mjs measures: tools/bench's own dependency.
    const gotDir = realpathSync(new URL('../node_modules/got', import.meta.url));
    const createJs = readFileSync(join(gotDir, 'dist', 'source', 'create.js'), 'utf8');
    expect(handlerChainOf(createJs), 'got changed iterateHandlers: compare gotIterate in src/micro.mjs with it').toBe(
      GOT_HANDLER_CHAIN,
    );
  });
});
