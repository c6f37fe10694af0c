// @ts-check
/** Package discovery: the publishable `packages/*`, their consumer-check configuration, and `--only`. */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { note } from './report.mjs';

const SCOPE_PREFIX = '@bce-errors/';

/**
 * @typedef {object} Pkg
 * @property {string} dir       absolute package directory
 * @property {string} name      package name
 * @property {string} version   package version
 * @property {string} label     short name for output (`core` for `@bce-errors/core`)
 * @property {string} slug      file-name-safe name
 * @property {Record<string, any>} manifest
 * @property {string[] | undefined} named  configured export names, if any
 * @property {Record<string, string>} peers peers to install (name -> spec)
 * @property {boolean} checked  false for a package packed only because a selected one depends on it
 * @property {string} [tarball] absolute tarball path, once packed
 * @property {string[]} [esmExports] export names the ESM entry exposes, once probed
 * @property {string[]} [esmFunctions] exports whose value is a function or class, once probed
 */

/**
 * @param {string} root
 * @returns {Promise<{ packages: Pkg[], problems: { label: string, message: string }[] }>}
 */
export async function discoverPackages(root) {
  const packagesDir = path.join(root, 'packages');
  /** @type {Pkg[]} */
  const packages = [];
  /** @type {{ label: string, message: string }[]} */
  const problems = [];
  if (!existsSync(packagesDir)) return { packages, problems: [{ label: 'packages', message: `${packagesDir} does not exist` }] };
  const entries = (await readdir(packagesDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const entry of entries) {
    const dir = path.join(packagesDir, entry);
    const manifestPath = path.join(dir, 'package.json');
    if (!existsSync(manifestPath)) {
      note(`skip packages/${entry}: no package.json yet`);
      continue;
    }
    /** @type {Record<string, any>} */
    let manifest;
    try {
      manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    } catch (error) {
      problems.push({ label: entry, message: `packages/${entry}/package.json is not valid JSON: ${String(error)}` });
      continue;
    }
    if (manifest.private === true) {
      note(`skip packages/${entry}: private`);
      continue;
    }
    const name = String(manifest.name ?? '');
    const label = name.startsWith(SCOPE_PREFIX) ? name.slice(SCOPE_PREFIX.length) : name || entry;
    if (!name || !manifest.version) {
      problems.push({ label, message: `packages/${entry}/package.json needs a name and a version` });
      continue;
    }
    const config = manifest.bceErrors?.consumerCheck ?? {};
    /** @type {string[] | undefined} */
    let named;
    if (config.named !== undefined) {
      const list = typeof config.named === 'string' ? [config.named] : config.named;
      if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string' && isIdentifier(item))) {
        problems.push({ label, message: 'bceErrors.consumerCheck.named must be an identifier or a non-empty list of identifiers' });
        continue;
      }
      named = list;
    }
    const peerSource = { ...(manifest.peerDependencies ?? {}), ...(config.peers ?? {}) };
    if (!Object.values(peerSource).every((spec) => typeof spec === 'string')) {
      problems.push({ label, message: 'peerDependencies / bceErrors.consumerCheck.peers values must be strings' });
      continue;
    }
    packages.push({
      dir,
      name,
      version: String(manifest.version),
      label,
      slug: name.replace(/^@/, '').replace(/[^\w.-]/g, '_'),
      manifest,
      named,
      peers: /** @type {Record<string, string>} */ (peerSource),
      checked: true,
    });
  }
  return { packages, problems };
}

/**
 * Applies `--only`: the selected packages are checked; the workspace packages they depend on (transitively)
 * are packed and installed too, because npm could not resolve them otherwise, but not checked.
 * @param {Pkg[]} all
 * @param {string[] | undefined} only  package names or short names (`core`)
 * @returns {{ packages: Pkg[], unknown: string[] }}
 */
export function selectPackages(all, only) {
  if (only === undefined) return { packages: all, unknown: [] };
  const unknown = only.filter((wanted) => !all.some((pkg) => pkg.name === wanted || pkg.label === wanted));
  const byName = new Map(all.map((pkg) => [pkg.name, pkg]));
  /** @type {Set<Pkg>} */
  const needed = new Set();
  /** @param {Pkg} pkg */
  const visit = (pkg) => {
    if (needed.has(pkg)) return;
    needed.add(pkg);
    const { dependencies = {}, peerDependencies = {}, optionalDependencies = {} } = pkg.manifest;
    for (const dep of Object.keys({ ...dependencies, ...peerDependencies, ...optionalDependencies })) {
      const internal = byName.get(dep);
      if (internal) visit(internal);
    }
  };
  for (const pkg of all) {
    pkg.checked = only.includes(pkg.name) || only.includes(pkg.label);
    if (pkg.checked) visit(pkg);
  }
  for (const pkg of all) {
    if (!needed.has(pkg)) note(`skip ${pkg.name}: not selected by --only`);
    else if (!pkg.checked) note(`pack ${pkg.name} only: a selected package depends on it`);
  }
  return { packages: all.filter((pkg) => needed.has(pkg)), unknown };
}

/** @param {string} name */
export function isIdentifier(name) {
  return /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default';
}

/**
 * The files the manifest points at (exports, main, module, types) that do not exist.
 * @param {Pkg} pkg
 */
export function missingEntryFiles(pkg) {
  /** @type {Set<string>} */
  const targets = new Set();
  /** @param {unknown} value */
  const collect = (value) => {
    if (typeof value === 'string') {
      if (value.startsWith('./') && !value.includes('*')) targets.add(value);
    } else if (Array.isArray(value)) {
      value.forEach(collect);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(collect);
    }
  };
  collect(pkg.manifest.exports);
  for (const field of ['main', 'module', 'types', 'typings']) {
    const value = pkg.manifest[field];
    if (typeof value === 'string') targets.add(value.startsWith('./') ? value : `./${value}`);
  }
  return [...targets].filter((target) => !existsSync(path.join(pkg.dir, target))).map((target) => target.slice(2));
}
