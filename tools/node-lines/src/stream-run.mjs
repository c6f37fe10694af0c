// @ts-check
/** A child whose output goes to the terminal as it comes, with a bounded tail kept for reading its summary. */
import { spawn } from 'node:child_process';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { killTree } from '@bce-errors/child-processes';

/** The summary lines of vitest and the consumer check are at the end; a whole suite's output is not kept. */
const TAIL_CHARACTERS = 64 * 1024;

let interrupted = false;

/** True once Ctrl-C or SIGTERM stopped a child: the caller runs nothing more. */
export function wasInterrupted() {
  return interrupted;
}

/**
 * @typedef {object} StreamResult
 * @property {number | null} code
 * @property {boolean} timedOut
 * @property {string} tail The last output characters (stdout and stderr interleaved).
 * @property {number} ms
 * @property {Error} [error]
 */

/**
 * Runs `command` in its own process group, copying its output to ours with `prefix` before each line. Resolves
 * (never rejects) when it ends; kills the whole group after `timeoutMs` or when this process is interrupted.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env: Record<string, string>, timeoutMs: number, prefix?: string }} options
 * @returns {Promise<StreamResult>}
 */
export function streamRun(command, args, { cwd, env, timeoutMs, prefix = '' }) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    let tail = '';
    let pending = '';
    let timedOut = false;
    /** @param {string} chunk */
    const onOutput = (chunk) => {
      tail = (tail + chunk).slice(-TAIL_CHARACTERS);
      if (prefix === '') {
        process.stdout.write(chunk);
        return;
      }
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
    };
    child.stdout.setEncoding('utf8').on('data', onOutput);
    child.stderr.setEncoding('utf8').on('data', onOutput);
    const stop = () => {
      interrupted = true;
      process.exitCode = 130;
      killTree(child);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, timeoutMs);
    /** @type {Error | undefined} */
    let spawnError;
    child.on('error', (error) => (spawnError = error));
    child.on('close', (code) => {
      clearTimeout(timer);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (pending !== '') process.stdout.write(`${prefix}${pending}\n`);
      resolve({
        code,
        timedOut,
        tail,
        ms: performance.now() - started,
        ...(spawnError === undefined ? {} : { error: spawnError }),
      });
    });
  });
}
