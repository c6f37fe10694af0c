// @ts-check
/** Child processes: each gets a timeout and is killed with its whole process group; none outlives the check. */
import { spawn } from 'node:child_process';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';

/** @typedef {{ code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string, timedOut: boolean, error?: Error, ms: number }} RunResult */

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();

/** @param {import('node:child_process').ChildProcess} child */
export function killTree(child) {
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

/**
 * The environment of a child: the parent's without the npm_* / pnpm_* variables that `pnpm run` sets (they carry
 * the workspace's registry and settings), except the lower-case names in `keep`, plus `extra`.
 * @param {{ keep?: readonly string[], extra?: Record<string, string> }} [options]
 */
export function childEnv({ keep = [], extra = {} } = {}) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    if ((lower.startsWith('npm_') || lower.startsWith('pnpm_')) && !keep.includes(lower)) continue;
    if (key === 'NODE_OPTIONS' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return { ...env, NO_UPDATE_NOTIFIER: '1', DO_NOT_TRACK: '1', TURBO_TELEMETRY_DISABLED: '1', ...extra };
}

/**
 * Starts a long-running child (its output goes to `onOutput`); the caller stops it with killTree.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env: Record<string, string>, onOutput: (text: string) => void }} options
 */
export function start(command, args, { cwd, env, onOutput }) {
  const child = spawn(command, args, {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  children.add(child);
  child.stdout.setEncoding('utf8').on('data', onOutput);
  child.stderr.setEncoding('utf8').on('data', onOutput);
  child.on('close', () => children.delete(child));
  return child;
}

/**
 * Runs a command to its end and collects its output; never rejects.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env: Record<string, string>, timeoutMs: number }} options
 * @returns {Promise<RunResult>}
 */
export function run(command, args, { cwd, env, timeoutMs }) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env,
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
    child.on('error', (error) => (spawnError = error));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({
        code,
        signal,
        stdout,
        stderr,
        timedOut,
        ...(spawnError ? { error: spawnError } : {}),
        ms: Date.now() - started,
      });
    });
  });
}
