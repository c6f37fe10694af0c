import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection. `--expose-gc` is set at run time (V8 reads the flag when a new context is made), so
 * the heap measurement works however vitest was started: from this package, from the root projects config, or in
 * CI, without per-project `execArgv` (which project configs cannot set).
 */
export function fullGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  setFlagsFromString('--expose-gc');
  const exposed: unknown = runInNewContext('gc');
  if (typeof exposed !== 'function') throw new Error('could not expose the garbage collector');
  return exposed as () => void;
}
