// @ts-check
// Cold import time: a fresh `node` process per sample imports one module once (see import-probe.mjs); the
// figure is the median of `spawns` samples. Targets are sampled round-robin so a burst of load hits all alike.
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './stats.mjs';

const probe = fileURLToPath(new URL('./import-probe.mjs', import.meta.url));

/**
 * @typedef {object} ImportFigures
 * @property {number} medianMs
 * @property {number[]} samplesMs In the order they were taken.
 */

/**
 * targets: { name: specifier } (a file URL, or a package name resolved from tools/bench).
 * @template {string} Name
 * @param {Record<Name, string>} targets
 * @param {number} spawns
 * @returns {Record<Name, ImportFigures>}
 */
export function measureImports(targets, spawns) {
  const runs = /** @type {[Name, string][]} */ (Object.entries(targets)).map(([name, specifier]) => ({
    name,
    specifier,
    samplesMs: /** @type {number[]} */ ([]),
  }));
  for (let i = 0; i < spawns; i += 1) {
    for (const { specifier, samplesMs } of runs) {
      const output = execFileSync(process.execPath, [probe, specifier], { encoding: 'utf8' });
      samplesMs.push(Number(output.trim()));
    }
  }
  return /** @type {Record<Name, ImportFigures>} */ (
    Object.fromEntries(runs.map(({ name, samplesMs }) => [name, { medianMs: median(samplesMs), samplesMs }]))
  );
}

/**
 * @param {string} packageDir
 * @returns {string} The file URL of the package's dist/index.js.
 */
export function distUrl(packageDir) {
  return pathToFileURL(`${packageDir}/dist/index.js`).href;
}
