// @ts-check
/** Packing: `pnpm pack` per package, then a look inside the tarball for unresolved workspace specs. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describeFailure, run } from './processes.mjs';
import { note, report, seconds } from './report.mjs';

/** @typedef {import('./discover.mjs').Pkg} Pkg */

const PACK_TIMEOUT_MS = 60_000;

/**
 * Reads the file list and `package/package.json` of a .tgz without any tar binary.
 * @param {string} tarball
 */
function readTarball(tarball) {
  const tar = gunzipSync(readFileSync(tarball));
  /** @type {string[]} */
  const files = [];
  let manifestText;
  let offset = 0;
  /** @param {number} start @param {number} length */
  const field = (start, length) => {
    const bytes = tar.subarray(offset + start, offset + start + length);
    const end = bytes.indexOf(0);
    return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8');
  };
  let longName;
  while (offset + 512 <= tar.length) {
    if (tar.subarray(offset, offset + 512).every((byte) => byte === 0)) break;
    const type = field(156, 1) || '0';
    const prefix = field(345, 155);
    let name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const dataStart = offset + 512;
    const data = tar.subarray(dataStart, dataStart + size);
    if (type === 'x') {
      const match = /\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      if (match) longName = match[1];
    } else if (type === 'L') {
      longName = data.toString('utf8').replace(/\0.*$/s, '');
    } else {
      if (longName !== undefined) name = longName;
      longName = undefined;
      if (type === '0') {
        files.push(name);
        if (name === 'package/package.json') manifestText = data.toString('utf8');
      }
    }
    offset = dataStart + Math.ceil(size / 512) * 512;
  }
  return { files, manifestText };
}

/**
 * @param {Pkg} pkg
 * @param {string} destination
 */
async function pack(pkg, destination) {
  const result = await run('pnpm', ['pack', '--pack-destination', destination, '--json'], {
    cwd: pkg.dir,
    timeoutMs: PACK_TIMEOUT_MS,
  });
  if (result.code !== 0 || result.error || result.timedOut) {
    const { summary, details } = describeFailure(result, PACK_TIMEOUT_MS);
    return { ok: false, summary: `pnpm pack failed (${summary})`, details };
  }
  let tarball;
  try {
    const json = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
    tarball = path.resolve(destination, json.filename);
  } catch {
    tarball = path.join(destination, `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`);
  }
  if (!existsSync(tarball))
    return { ok: false, summary: `pnpm pack reported success but ${tarball} does not exist`, details: result.stdout };
  pkg.tarball = tarball;
  const { files, manifestText } = readTarball(tarball);
  if (manifestText === undefined) return { ok: false, summary: 'the tarball has no package/package.json' };
  const packed = JSON.parse(manifestText);
  /** @type {string[]} */
  const problems = [];
  if (packed.name !== pkg.name || packed.version !== pkg.version) {
    problems.push(`packed ${packed.name}@${packed.version}, expected ${pkg.name}@${pkg.version}`);
  }
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, spec] of Object.entries(packed[field] ?? {})) {
      if (/^(workspace|catalog|link|file|portal):/.test(String(spec)))
        problems.push(`${field}.${dep} is still "${spec}"`);
    }
  }
  if (problems.length > 0) return { ok: false, summary: problems.join('; ') };
  return { ok: true, summary: `${pkg.name}@${pkg.version}, ${files.length} files` };
}

/**
 * Packs every package into `destination` (in parallel) and reports a `pack` check for each.
 * @param {Pkg[]} packages
 * @param {string} destination
 * @returns {Promise<boolean>} whether every package has its tarball
 */
export async function packAll(packages, destination) {
  const packStarted = Date.now();
  const packResults = await Promise.all(packages.map((pkg) => pack(pkg, destination)));
  note(`packed in ${seconds(Date.now() - packStarted)}`);
  packages.forEach((pkg, i) => {
    const result = /** @type {{ ok: boolean, summary: string, details?: string }} */ (packResults[i]);
    report(pkg.label, 'pack', result.ok, result.summary, result.details);
  });
  return packages.every((pkg) => pkg.tarball !== undefined);
}
