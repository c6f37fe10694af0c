// @ts-check
/** The environment of a command that runs on one Node line. */
import { delimiter } from 'node:path';
import process from 'node:process';
import { childEnv } from '@bce-errors/child-processes';

/**
 * The name turbo.json lists in `globalEnv`: turbo does not hash the Node version, so without it a task cached
 * on one line would be replayed, not run, on another (vercel/turborepo#4124).
 */
export const NODE_VERSION_VARIABLE = 'BCE_NODE_VERSION';

/**
 * The parent's environment (without pnpm's npm_* settings) with `binDir` first on PATH, so `node`, and the
 * `#!/usr/bin/env node` of pnpm, turbo, vitest and npm, are that line's.
 * @param {{ binDir: string, version: string }} node
 * @returns {Record<string, string>}
 */
export function lineEnv({ binDir, version }) {
  const path = process.env['PATH'] ?? '';
  return childEnv({ extra: { PATH: `${binDir}${delimiter}${path}`, [NODE_VERSION_VARIABLE]: version } });
}
