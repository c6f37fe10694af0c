// @ts-check
/** The registry check's children, through the shared @bce-errors/child-processes. */
import { childEnv as sharedChildEnv } from '@bce-errors/child-processes';

export { killAllChildren, killTree, run, start } from '@bce-errors/child-processes';

/** @typedef {import('@bce-errors/child-processes').RunResult} RunResult */

/**
 * The environment of every child: without any npm_* / pnpm_* variable of the `pnpm run` parent, plus `extra`.
 * @param {Record<string, string>} [extra]
 */
export function childEnv(extra = {}) {
  return sharedChildEnv({ extra });
}

/**
 * A one-paragraph description of a failed run, for the error message.
 * @param {string} what
 * @param {RunResult} result
 * @param {number} timeoutMs
 */
export function describeFailure(what, result, timeoutMs) {
  const why = result.error
    ? `could not start: ${result.error.message}`
    : result.timedOut
      ? `timed out after ${timeoutMs / 1000}s`
      : `exited with ${result.code ?? result.signal ?? 'unknown'}`;
  const output = `${result.stdout}\n${result.stderr}`.trim();
  const tail = output.split('\n').slice(-40).join('\n');
  return `${what} ${why}${tail ? `:\n${tail}` : ''}`;
}
