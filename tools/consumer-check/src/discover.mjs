// @ts-check
/**
 * Package discovery: the publishable `packages/*`, their entry points (every subpath of `exports`), their
 * consumer-check configuration, and `--only`.
 */
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
 * @property {Entry[]} entries  its entry points: `.` and every other subpath of `exports`, root first
 * @property {Record<string, string>} peers peers to install (name -> spec)
 * @property {Record<string, string>} bins  its `bin` commands (name -> path); a bin-only package has no entries
 * @property {boolean} checked  false for a package packed only because a selected one depends on it
 * @property {string} [tarball] absolute tarball path, once packed
 */

/**
 * One entry point of a package: the root (`.`) or a subpath of its `exports` (`./adapter`). Each one is checked
 * like a package of its own: esm-import, cjs-require, types-node16, types-bundler.
 * @typedef {object} Entry
 * @property {Pkg} pkg
 * @property {string} subpath    `.` or `./adapter`
 * @property {string} specifier  what a consumer imports: `@bce-errors/core` or `@bce-errors/core/adapter`
 * @property {string} label      short name for output: `core` or `core/adapter`
 * @property {string} slug       file-name-safe and unique: `bce-errors_core` or `bce-errors_core+adapter`
 * @property {string[]} targets  the files the entry's `exports` value points at (`dist/adapter.d.ts`, …)
 * @property {string[] | undefined} named  configured export names, if any
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
  if (!existsSync(packagesDir))
    return { packages, problems: [{ label: 'packages', message: `${packagesDir} does not exist` }] };
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
    const bins = binCommands(manifest, name);
    // A command and nothing to import (the unscoped `bce-errors`): its bins are run instead of the import checks.
    const binOnly =
      Object.keys(bins).length > 0 && ['exports', 'main', 'module'].every((field) => manifest[field] === undefined);
    const subpaths = binOnly ? { entries: [], skipped: [] } : exportSubpaths(manifest.exports);
    for (const skipped of subpaths.skipped) note(`skip ${name} ${skipped}`);
    const named = parseNamed(config.named, subpaths.entries);
    if (typeof named === 'string') {
      problems.push({ label, message: named });
      continue;
    }
    const peerSource = { ...(manifest.peerDependencies ?? {}), ...(config.peers ?? {}) };
    if (!Object.values(peerSource).every((spec) => typeof spec === 'string')) {
      problems.push({ label, message: 'peerDependencies / bceErrors.consumerCheck.peers values must be strings' });
      continue;
    }
    const slug = name.replace(/^@/, '').replace(/[^\w.-]/g, '_');
    /** @type {Pkg} */
    const pkg = {
      dir,
      name,
      version: String(manifest.version),
      label,
      slug,
      manifest,
      entries: [],
      peers: /** @type {Record<string, string>} */ (peerSource),
      bins,
      checked: true,
    };
    /** @type {Set<string>} */
    const slugs = new Set();
    for (const [subpath, value] of subpaths.entries) {
      const tail = subpath.slice(2);
      let entrySlug = subpath === '.' ? slug : `${slug}+${tail.replace(/[^\w.-]/g, '_')}`;
      for (let i = 2; slugs.has(entrySlug); i += 1) entrySlug = `${slug}+${tail.replace(/[^\w.-]/g, '_')}-${i}`;
      slugs.add(entrySlug);
      pkg.entries.push({
        pkg,
        subpath,
        specifier: subpath === '.' ? name : `${name}/${tail}`,
        label: subpath === '.' ? label : `${label}/${tail}`,
        slug: entrySlug,
        targets: [...fileTargets(value)].map((target) => target.slice(2)),
        named: named.get(subpath),
      });
    }
    if (pkg.entries.length === 0 && !binOnly) {
      problems.push({ label, message: `packages/${entry}/package.json "exports" has no entry point to check` });
      continue;
    }
    packages.push(pkg);
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

/**
 * The manifest's `bin` as a map from command to path (a string `bin` is a command named after the package).
 * @param {Record<string, any>} manifest
 * @param {string} name
 * @returns {Record<string, string>}
 */
function binCommands(manifest, name) {
  const { bin } = manifest;
  if (typeof bin === 'string') return { [name.replace(/^@[^/]+\//, '')]: bin };
  if (bin === null || typeof bin !== 'object') return {};
  return Object.fromEntries(Object.entries(bin).filter(([, file]) => typeof file === 'string'));
}

/** @param {string} name */
export function isIdentifier(name) {
  return /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default';
}

/**
 * The strings starting with `./` (no `*` pattern) anywhere in an `exports` value.
 * @param {unknown} value
 * @param {Set<string>} [targets]
 */
function fileTargets(value, targets = new Set()) {
  if (typeof value === 'string') {
    if (value.startsWith('./') && !value.includes('*')) targets.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) fileTargets(item, targets);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) fileTargets(item, targets);
  }
  return targets;
}

/**
 * The entry points a manifest's `exports` defines, root first, each with its `exports` value. A subpath map
 * (keys starting with `.`) gives every subpath except `./package.json`; a pattern (`./x/*`) or a blocked
 * subpath (`null`) cannot be imported as it is written and is skipped. Anything else (a string, a conditions
 * object, no `exports` at all: then `main`) is the root alone.
 * @param {unknown} exports
 * @returns {{ entries: [string, unknown][], skipped: string[] }}
 */
function exportSubpaths(exports) {
  const isMap =
    exports !== null &&
    typeof exports === 'object' &&
    !Array.isArray(exports) &&
    Object.keys(exports).length > 0 &&
    Object.keys(exports).every((key) => key.startsWith('.'));
  if (!isMap) return { entries: [['.', exports]], skipped: [] };
  /** @type {[string, unknown][]} */
  const entries = [];
  /** @type {string[]} */
  const skipped = [];
  for (const [subpath, value] of Object.entries(/** @type {Record<string, unknown>} */ (exports))) {
    if (subpath === './package.json') continue;
    if (subpath.includes('*')) skipped.push(`exports["${subpath}"]: a pattern, not one entry point`);
    else if (value === null) skipped.push(`exports["${subpath}"]: null (blocked)`);
    else if (subpath !== '.' && !subpath.startsWith('./')) skipped.push(`exports["${subpath}"]: not a subpath`);
    else entries.push([subpath, value]);
  }
  entries.sort(([a], [b]) => (a === '.' ? -1 : b === '.' ? 1 : 0));
  return { entries, skipped };
}

/**
 * Reads `bceErrors.consumerCheck.named`: an export name or a list of names for the root entry, or an object
 * from subpath (`.`, `./adapter`) to a name or a list. Returns the names per subpath, or a problem.
 * @param {unknown} config
 * @param {[string, unknown][]} entries
 * @returns {Map<string, string[]> | string}
 */
function parseNamed(config, entries) {
  /** @type {Map<string, string[]>} */
  const named = new Map();
  if (config === undefined) return named;
  /** @param {unknown} value */
  const asList = (value) => {
    const list = typeof value === 'string' ? [value] : value;
    return Array.isArray(list) &&
      list.length > 0 &&
      list.every((item) => typeof item === 'string' && isIdentifier(item))
      ? /** @type {string[]} */ (list)
      : undefined;
  };
  /** @type {[string, unknown][]} */
  const bySubpath =
    config !== null && typeof config === 'object' && !Array.isArray(config) ? Object.entries(config) : [['.', config]];
  for (const [subpath, value] of bySubpath) {
    const list = asList(value);
    if (list === undefined) {
      return 'bceErrors.consumerCheck.named must be an identifier, a non-empty list of identifiers, or an object from subpath to either';
    }
    if (!entries.some(([known]) => known === subpath)) {
      return `bceErrors.consumerCheck.named["${subpath}"]: "exports" has no such entry point (${entries.map(([known]) => known).join(', ')})`;
    }
    named.set(subpath, list);
  }
  return named;
}

/**
 * The files the manifest points at (exports, main, module, types) that do not exist.
 * @param {Pkg} pkg
 */
export function missingEntryFiles(pkg) {
  const targets = fileTargets(pkg.manifest.exports);
  for (const file of Object.values(pkg.bins)) targets.add(file.startsWith('./') ? file : `./${file}`);
  for (const field of ['main', 'module', 'types', 'typings']) {
    const value = pkg.manifest[field];
    if (typeof value === 'string') targets.add(value.startsWith('./') ? value : `./${value}`);
  }
  return [...targets].filter((target) => !existsSync(path.join(pkg.dir, target))).map((target) => target.slice(2));
}
