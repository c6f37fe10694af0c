// Cold import time: a fresh `node` process per sample imports one module once (see import-probe.mjs); the
// figure is the median of `spawns` samples. Targets are sampled round-robin so a burst of load hits all alike.
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './stats.mjs';

const probe = fileURLToPath(new URL('./import-probe.mjs', import.meta.url));

/** targets: { name: specifier } (a file URL, or a package name resolved from tools/bench). */
export function measureImports(targets, spawns) {
  const samples = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
  for (let i = 0; i < spawns; i += 1) {
    for (const [name, specifier] of Object.entries(targets)) {
      const output = execFileSync(process.execPath, [probe, specifier], { encoding: 'utf8' });
      samples[name].push(Number(output.trim()));
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, { medianMs: median(values), samplesMs: values }]));
}

export function distUrl(packageDir) {
  return pathToFileURL(`${packageDir}/dist/index.js`).href;
}
