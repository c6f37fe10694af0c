// @ts-check
/** The consumer check's children, through the shared @bce-errors/child-processes. */
import { childEnv, killAllChildren, run as runChild } from '@bce-errors/child-processes';

/** @typedef {import('@bce-errors/child-processes').RunResult} RunResult */

// npm settings a caller may give the consumer check on purpose (a registry, a proxy, a CA); every other npm_* or
// pnpm_* variable of the `pnpm run` parent is dropped.
const KEPT_NPM_SETTINGS = [
  'npm_config_registry',
  'npm_config_cache',
  'npm_config_userconfig',
  'npm_config_proxy',
  'npm_config_https_proxy',
  'npm_config_noproxy',
  'npm_config_cafile',
  'npm_config_strict_ssl',
];

export { killAllChildren };

/**
 * Runs a command and collects its output; never rejects.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, timeoutMs: number }} options
 * @returns {Promise<RunResult>}
 */
export function run(command, args, { cwd, timeoutMs }) {
  return runChild(command, args, { cwd, timeoutMs, env: childEnv({ keep: KEPT_NPM_SETTINGS }) });
}

/**
 * The first line worth putting on the FAIL line: an error message, else the first non-empty line.
 * @param {string} text
 */
function headline(text) {
  const jsonMessage = /"message":\s*("(?:[^"\\]|\\.)*")/.exec(text);
  if (jsonMessage?.[1]) return String(JSON.parse(jsonMessage[1]));
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (
    lines.find((line) => /error TS\d+/.test(line)) ??
    lines.find((line) => /^(\w*Error|Error \[|npm (ERR!|error))/.test(line)) ??
    lines[0] ??
    'no output'
  );
}

/**
 * @param {{ code: number | null, stdout: string, stderr: string, timedOut: boolean, error?: Error }} result
 * @param {number} timeoutMs
 */
export function describeFailure(result, timeoutMs) {
  if (result.error) return { summary: result.error.message, details: '' };
  const output = `${result.stderr}\n${result.stdout}`;
  if (result.timedOut) return { summary: `timed out after ${timeoutMs / 1000}s`, details: output };
  return { summary: `exit ${result.code}: ${headline(output)}`, details: output };
}

/**
 * Runs tasks with at most `limit` at a time, keeping the result order.
 * @template T
 * @param {(() => Promise<T>)[]} tasks
 * @param {number} limit
 * @returns {Promise<T[]>}
 */
export async function pool(tasks, limit) {
  /** @type {T[]} */
  const results = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const index = next++;
      const task = /** @type {() => Promise<T>} */ (tasks[index]);
      results[index] = await task();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
