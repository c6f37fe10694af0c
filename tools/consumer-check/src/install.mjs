// @ts-check
/** The consumer project: one `npm install` of every tarball, the joined peers, typescript and @types/node. */
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeFailure, run } from './processes.mjs';
import { note, report, seconds } from './report.mjs';

/** @typedef {import('./discover.mjs').Pkg} Pkg */

const TYPESCRIPT_SPEC = '~5.9.0';
const TYPES_NODE_SPEC = '^20.19.0';
const INSTALL_TIMEOUT_MS = 240_000;

/**
 * Joins the peer ranges several packages ask for into one install spec.
 * @param {Pkg[]} packages
 */
function collectPeers(packages) {
  const own = new Set(packages.map((pkg) => pkg.name));
  /** @type {Map<string, string[]>} */
  const wanted = new Map();
  for (const pkg of packages) {
    for (const [name, spec] of Object.entries(pkg.peers)) {
      if (own.has(name)) continue;
      const list = wanted.get(name) ?? [];
      if (!list.includes(spec)) list.push(spec);
      wanted.set(name, list);
    }
  }
  /** @type {Record<string, string>} */
  const result = {};
  for (const [name, specs] of wanted) {
    // A space joins semver ranges into their intersection; that does not work across `||`.
    if (specs.length > 1 && specs.some((spec) => spec.includes('||'))) {
      note(`peer ${name}: the packages ask for ${specs.join(' and ')}; installing ${specs[0]}`);
      result[name] = /** @type {string} */ (specs[0]);
    } else {
      result[name] = specs.join(' ');
    }
  }
  return result;
}

/**
 * Writes `<project>/package.json` and runs one `npm install` for everything; reports `npm-install`.
 * @param {string} project  the consumer project directory
 * @param {Pkg[]} packed    every package, each with its `tarball`
 * @returns {Promise<boolean>} whether the install succeeded
 */
export async function installConsumerProject(project, packed) {
  /** @type {Record<string, string>} */
  const dependencies = {};
  /** @type {Record<string, string>} */
  const overrides = {};
  for (const pkg of packed) {
    dependencies[pkg.name] = `file:${path
      .relative(project, /** @type {string} */ (pkg.tarball))
      .split(path.sep)
      .join('/')}`;
    // Every package that depends on another of ours gets the local tarball, never the registry copy.
    overrides[pkg.name] = `$${pkg.name}`;
  }
  const peers = collectPeers(packed);
  Object.assign(dependencies, peers, { typescript: TYPESCRIPT_SPEC, '@types/node': TYPES_NODE_SPEC });
  await writeFile(
    path.join(project, 'package.json'),
    `${JSON.stringify({ name: 'bce-errors-consumer-check', version: '0.0.0', private: true, dependencies, overrides }, null, 2)}\n`,
  );
  note(
    `npm install ${Object.entries(dependencies)
      .map(([name, spec]) => (spec.startsWith('file:') ? name : `${name}@${spec}`))
      .join(' ')}`,
  );
  const install = await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], {
    cwd: project,
    timeoutMs: INSTALL_TIMEOUT_MS,
  });
  if (install.code !== 0 || install.error || install.timedOut) {
    const { summary, details } = describeFailure(install, INSTALL_TIMEOUT_MS);
    report('consumer-project', 'npm-install', false, summary, details);
    return false;
  }
  const installed = JSON.parse(
    await readFile(path.join(project, 'node_modules', 'typescript', 'package.json'), 'utf8'),
  ).version;
  const peerVersions = Object.keys(peers).map((name) => {
    const manifestPath = path.join(project, 'node_modules', ...name.split('/'), 'package.json');
    return `${name}@${JSON.parse(readFileSync(manifestPath, 'utf8')).version}`;
  });
  report(
    'consumer-project',
    'npm-install',
    true,
    [seconds(install.ms), `typescript@${installed}`, ...peerVersions].join(', '),
  );
  return true;
}
