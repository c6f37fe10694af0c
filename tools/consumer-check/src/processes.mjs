// @ts-check
/** Child processes: every child gets a timeout and is killed with its whole process group. */
import { spawn } from 'node:child_process';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';

/** @typedef {{ code: number | null, stdout: string, stderr: string, timedOut: boolean, error?: Error, ms: number }} RunResult */

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();

/** @param {import('node:child_process').ChildProcess} child */
function killTree(child) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Kills every child that is still running, with its process group. */
export function killAllChildren() {
  for (const child of children) killTree(child);
}

/** The environment for children: without the npm_* / pnpm_* variables a `pnpm run` parent sets. */
function childEnv() {
  /** @type {Record<string, string>} */
  const env = {};
  const keep = new Set([
    'npm_config_registry',
    'npm_config_cache',
    'npm_config_userconfig',
    'npm_config_proxy',
    'npm_config_https_proxy',
    'npm_config_noproxy',
    'npm_config_cafile',
    'npm_config_strict_ssl',
  ]);
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    if ((lower.startsWith('npm_') || lower.startsWith('pnpm_')) && !keep.has(lower)) continue;
    if (key === 'NODE_OPTIONS' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  env.NO_UPDATE_NOTIFIER = '1';
  return env;
}

/**
 * Runs a command and collects its output; never rejects.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, timeoutMs: number }} options
 * @returns {Promise<RunResult>}
 */
export function run(command, args, { cwd, timeoutMs }) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      shell: process.platform === 'win32',
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, timeoutMs);
    /** @type {Error | undefined} */
    let spawnError;
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stdout, stderr, timedOut, error: spawnError, ms: Date.now() - started });
    });
  });
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
