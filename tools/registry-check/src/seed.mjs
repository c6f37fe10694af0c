// @ts-check
/**
 * The third-party packages a consumer of the @bce-errors packages installs (axios, got, and everything they depend
 * on), taken from the workspace's own install: the local registry has no uplink, so npm can only install what is
 * published to it.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { compareVersions, createTarball, publishDocument } from './tarball.mjs';

/** @typedef {{ name: string, version: string, dir: string, manifest: Record<string, unknown> & { name: string, version: string } }} InstalledPackage */

/** @param {string} dir */
function readManifest(dir) {
  /** @type {Record<string, unknown> & { name: string, version: string }} */
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return manifest;
}

/**
 * @param {unknown} value
 * @returns {string[]}
 */
function keysOf(value) {
  return value !== null && typeof value === 'object' ? Object.keys(value) : [];
}

/**
 * The packages `seeds` need, with their versions as pnpm installed them. In pnpm's layout a package's dependencies
 * are the siblings of its real directory (`.pnpm/<id>/node_modules/<dep>`), so the walk needs no resolver. Walks
 * dependencies, optional dependencies (skipped when not installed: another platform's) and non-optional peer
 * dependencies (npm installs those).
 * @param {string[]} seeds  directories of installed packages (symlinks are fine)
 * @returns {InstalledPackage[]}
 */
export function dependencyClosure(seeds) {
  /** @type {Map<string, InstalledPackage>} */
  const found = new Map();
  /** @param {string} link @param {string} from */
  const visit = (link, from) => {
    const dir = realpathSync(link);
    const manifest = readManifest(dir);
    const key = `${manifest.name}@${manifest.version}`;
    if (found.has(key)) return;
    found.set(key, { name: manifest.name, version: manifest.version, dir, manifest });
    const siblings = manifest.name.startsWith('@') ? path.dirname(path.dirname(dir)) : path.dirname(dir);
    const peerMeta = /** @type {Record<string, { optional?: boolean }>} */ (manifest.peerDependenciesMeta ?? {});
    const wanted = [
      ...keysOf(manifest.dependencies).map((name) => ({ name, optional: false })),
      ...keysOf(manifest.optionalDependencies).map((name) => ({ name, optional: true })),
      ...keysOf(manifest.peerDependencies)
        .filter((name) => peerMeta[name]?.optional !== true)
        .map((name) => ({ name, optional: false })),
    ];
    for (const dependency of wanted) {
      const target = path.join(siblings, dependency.name);
      let exists = false;
      try {
        exists = statSync(target).isDirectory();
      } catch {
        exists = false;
      }
      if (exists) visit(target, key);
      else if (!dependency.optional)
        throw new Error(
          `${dependency.name}, a dependency of ${key} (needed by ${from}), is not installed in ${siblings}`,
        );
    }
  };
  for (const seed of seeds) visit(seed, path.basename(seed));
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || compareVersions(a.version, b.version));
}

/**
 * Every file of an installed package, as tarball entries (nested node_modules left out).
 * @param {string} dir
 * @returns {import('./tarball.mjs').TarEntry[]}
 */
function packageFiles(dir) {
  /** @type {import('./tarball.mjs').TarEntry[]} */
  const entries = [];
  /** @param {string} relative */
  const walk = (relative) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      const absolute = path.join(dir, child);
      if (entry.isDirectory() || (entry.isSymbolicLink() && statSync(absolute).isDirectory())) {
        if (entry.name !== 'node_modules') walk(child);
      } else {
        entries.push({ path: child, data: readFileSync(absolute), mode: statSync(absolute).mode });
      }
    }
  };
  walk('');
  return entries;
}

/**
 * Publishes installed packages to the registry with one PUT each, lowest version of a name first.
 * @param {InstalledPackage[]} packages
 * @param {string} registry
 * @param {string} token
 */
export async function publishInstalled(packages, registry, token) {
  let bytes = 0;
  for (const pkg of packages) {
    const tarball = createTarball(packageFiles(pkg.dir));
    bytes += tarball.length;
    const document = publishDocument(pkg.manifest, tarball, registry);
    const url = new URL(pkg.name.replace('/', '%2f'), registry);
    const response = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(document),
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok)
      throw new Error(
        `publishing ${pkg.name}@${pkg.version} to ${url.href}: HTTP ${response.status} ${await response.text()}`,
      );
  }
  return bytes;
}
