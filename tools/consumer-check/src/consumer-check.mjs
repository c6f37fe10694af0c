#!/usr/bin/env node
// @ts-check
/**
 * Consumer check: proves that the published `@bce-errors/*` packages work for a real consumer.
 *
 * It packs every publishable workspace package (`packages/<name>/package.json` without `"private": true`)
 * with `pnpm pack`, installs all tarballs plus their peers, `typescript` and `@types/node` with ONE
 * `npm install` into a fresh project in `os.tmpdir()` (outside the workspace), and then checks per package:
 *
 *   pack             the tarball exists and its package.json has no `workspace:`/`catalog:`/`link:`/`file:` specs
 *   esm-import       a `.mjs` file imports the named exports (static `import { … }`) and asserts they are functions
 *   cjs-require      a `.cjs` file requires the package, asserts the same and that the CJS export names equal the ESM ones
 *   types-node16     `tsc --noEmit` with module/moduleResolution node16 on a `.mts` and a `.cts` consumer file
 *   types-bundler    `tsc --noEmit` with module esnext + moduleResolution bundler on a `.ts` consumer file
 *   cross-copy-brand (core only) a CJS copy and an ESM copy recognise each other's errors
 *
 * All tsc runs use `strict: true` and `skipLibCheck: false`.
 *
 * Which exports are checked: `bceErrors.consumerCheck.named` in the package's package.json (a string or a list
 * of strings), else every export of the ESM entry whose value is a function or class (at least one required).
 * Peers installed: the package's `peerDependencies`, overridden by `bceErrors.consumerCheck.peers`.
 *
 * Options: `--only <name>` (repeatable; `core` or `@bce-errors/core`) checks only those packages (workspace
 * packages they depend on are still packed and installed); `--keep` keeps the temp dir; `--root <dir>` points
 * at another workspace; `--timeout <seconds>`.
 *
 * It builds nothing: run `pnpm build` first. Output is one `ok <package> <check>` / `FAIL <package> <check>`
 * line per check (details indented below a failure, comments start with `#`), then a last line
 * `N passed, M failed`. Exit code 0 only when nothing failed. The temp dir is deleted at the end
 * (keep it with `--keep`). A global timeout (default 300 s, `--timeout <seconds>`) guarantees it never hangs.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';

const TYPESCRIPT_SPEC = '~5.9.0';
const TYPES_NODE_SPEC = '^20.19.0';
const DEFAULT_TIMEOUT_SECONDS = 300;
const INSTALL_TIMEOUT_MS = 240_000;
const PACK_TIMEOUT_MS = 60_000;
const NODE_TIMEOUT_MS = 60_000;
const TSC_TIMEOUT_MS = 120_000;
const SCOPE_PREFIX = '@bce-errors/';

/**
 * Extra behaviour checks for packages whose API this tool knows. Every other package gets the generic
 * export checks only. `runtime` runs in both the `.mjs` and the `.cjs` file with `mod` (the module) and
 * `assert` (node:assert/strict) in scope; `types` is appended to every `.ts` consumer file and may use the
 * names listed in `names` as imported identifiers.
 * @type {Record<string, { names: string[], runtime: string, types: string, crossCopy?: boolean }>}
 */
const SCENARIOS = {
  '@bce-errors/core': {
    names: ['BceError', 'BceServiceError', 'parseServiceError', 'isBceError', 'isBceServiceError'],
    runtime: `
const body = '{"code":"NoSuchKey","message":"m","requestId":"r"}';
const err = mod.parseServiceError({ status: 404, headers: {}, body });
assert.ok(err instanceof mod.BceServiceError, 'parseServiceError(404 NoSuchKey) did not return a BceServiceError');
assert.ok(err instanceof mod.BceError, 'a BceServiceError is not instanceof BceError');
assert.ok(err instanceof Error, 'a BceServiceError is not instanceof Error');
assert.equal(err.code, 'NoSuchKey');
assert.equal(err.requestId, 'r');
assert.equal(err.statusCode, 404);
assert.equal(mod.isBceError(err), true, 'isBceError(parsed error) is not true');
assert.equal(mod.isBceServiceError(err), true, 'isBceServiceError(parsed error) is not true');
assert.equal(mod.isBceError(new Error('plain')), false, 'isBceError(new Error()) is not false');
const built = new mod.BceServiceError({ style: 'go', code: 'NoSuchKey', errorMessage: 'm', requestId: 'r', statusCode: 404 });
assert.equal(built.code, 'NoSuchKey');
assert.equal(mod.isBceError(built), true, 'isBceError(new BceServiceError(...)) is not true');
`,
    types: `
const parsed: BceServiceError | undefined = parseServiceError({
  status: 404,
  headers: {},
  body: '{"code":"NoSuchKey","message":"m","requestId":"r"}',
});
if (parsed !== undefined) {
  const code: string = parsed.code;
  const status: number = parsed.statusCode;
  const base: BceError = parsed;
  const asError: Error = parsed;
  void code;
  void status;
  void base;
  void asError;
}
const built = new BceServiceError({ style: 'go', code: 'NoSuchKey', errorMessage: 'm', requestId: 'r', statusCode: 404 });
const caught: unknown = built;
if (isBceError(caught)) {
  const narrowed: BceError = caught;
  void narrowed;
}
if (isBceServiceError(caught)) {
  const narrowedCode: string = caught.code;
  void narrowedCode;
}
// @ts-expect-error the status must be a number (fails to compile if the types degraded to any)
parseServiceError({ status: '404', headers: {}, body: null });
`,
    crossCopy: true,
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Output and bookkeeping

let passed = 0;
let failed = 0;

/**
 * @param {string} pkg
 * @param {string} check
 * @param {boolean} ok
 * @param {string} [summary]
 * @param {string} [details]
 */
function report(pkg, check, ok, summary, details) {
  if (ok) {
    passed += 1;
    console.log(`ok ${pkg} ${check}${summary ? ` (${summary})` : ''}`);
    return;
  }
  failed += 1;
  console.log(`FAIL ${pkg} ${check}${summary ? `: ${summary}` : ''}`);
  if (details) {
    const lines = details.split('\n').filter((line) => line.trim() !== '');
    const shown = lines.slice(0, 25);
    for (const line of shown) console.log(`    ${line}`);
    if (lines.length > shown.length) console.log(`    … ${lines.length - shown.length} more lines`);
  }
}

/** @param {string} text */
function note(text) {
  console.log(`# ${text}`);
}

function printSummary() {
  console.log(`${passed} passed, ${failed} failed`);
}

// ---------------------------------------------------------------------------------------------------------------
// Child processes: every child gets a timeout and is killed with its whole process group.

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();

/** @param {import('node:child_process').ChildProcess} child */
function killTree(child) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The environment for children: without the npm_* / pnpm_* variables a `pnpm run` parent sets. */
function childEnv() {
  /** @type {Record<string, string>} */
  const env = {};
  const keep = new Set([
    'npm_config_registry',
    'npm_config_cache',
    'npm_config_userconfig',
    'npm_config_proxy',
    'npm_config_https_proxy',
    'npm_config_noproxy',
    'npm_config_cafile',
    'npm_config_strict_ssl',
  ]);
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    if ((lower.startsWith('npm_') || lower.startsWith('pnpm_')) && !keep.has(lower)) continue;
    if (key === 'NODE_OPTIONS' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  env.NO_UPDATE_NOTIFIER = '1';
  return env;
}

/**
 * Runs a command and collects its output; never rejects.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, timeoutMs: number }} options
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, timedOut: boolean, error?: Error, ms: number }>}
 */
function run(command, args, { cwd, timeoutMs }) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      shell: process.platform === 'win32',
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, timeoutMs);
    /** @type {Error | undefined} */
    let spawnError;
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stdout, stderr, timedOut, error: spawnError, ms: Date.now() - started });
    });
  });
}

/**
 * The first line worth putting on the FAIL line: an error message, else the first non-empty line.
 * @param {string} text
 */
function headline(text) {
  const jsonMessage = /"message":\s*("(?:[^"\\]|\\.)*")/.exec(text);
  if (jsonMessage?.[1]) return String(JSON.parse(jsonMessage[1]));
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  return (
    lines.find((line) => /error TS\d+/.test(line)) ??
    lines.find((line) => /^(\w*Error|Error \[|npm (ERR!|error))/.test(line)) ??
    lines[0] ??
    'no output'
  );
}

/**
 * @param {{ code: number | null, stdout: string, stderr: string, timedOut: boolean, error?: Error }} result
 * @param {number} timeoutMs
 */
function describeFailure(result, timeoutMs) {
  if (result.error) return { summary: result.error.message, details: '' };
  const output = `${result.stderr}\n${result.stdout}`;
  if (result.timedOut) return { summary: `timed out after ${timeoutMs / 1000}s`, details: output };
  return { summary: `exit ${result.code}: ${headline(output)}`, details: output };
}

/**
 * Runs tasks with at most `limit` at a time, keeping the result order.
 * @template T
 * @param {(() => Promise<T>)[]} tasks
 * @param {number} limit
 * @returns {Promise<T[]>}
 */
async function pool(tasks, limit) {
  /** @type {T[]} */
  const results = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const index = next++;
      const task = /** @type {() => Promise<T>} */ (tasks[index]);
      results[index] = await task();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// Package discovery

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
async function discoverPackages(root) {
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
function selectPackages(all, only) {
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
function isIdentifier(name) {
  return /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default';
}

/**
 * The files the manifest points at (exports, main, module, types) that do not exist.
 * @param {Pkg} pkg
 */
function missingEntryFiles(pkg) {
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

// ---------------------------------------------------------------------------------------------------------------
// Packing

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
  if (!existsSync(tarball)) return { ok: false, summary: `pnpm pack reported success but ${tarball} does not exist`, details: result.stdout };
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
      if (/^(workspace|catalog|link|file|portal):/.test(String(spec))) problems.push(`${field}.${dep} is still "${spec}"`);
    }
  }
  if (problems.length > 0) return { ok: false, summary: problems.join('; ') };
  return { ok: true, summary: `${pkg.name}@${pkg.version}, ${files.length} files` };
}

// ---------------------------------------------------------------------------------------------------------------
// Generated consumer files

/** @param {Pkg} pkg */
function namesFor(pkg) {
  const scenario = SCENARIOS[pkg.name];
  const base = pkg.named ?? pkg.esmFunctions ?? [];
  return [...new Set([...base, ...(scenario?.names ?? [])])].filter(isIdentifier).sort();
}

/** @param {Pkg} pkg */
function esmSource(pkg) {
  const names = namesFor(pkg);
  const scenario = SCENARIOS[pkg.name];
  return `// Generated by @bce-errors/consumer-check: ESM consumer of ${pkg.name}.
import assert from 'node:assert/strict';
import * as mod from ${JSON.stringify(pkg.name)};
${names.length > 0 ? `import { ${names.map((name, i) => `${name} as n${i}`).join(', ')} } from ${JSON.stringify(pkg.name)};` : ''}

const named = { ${names.map((name, i) => `${name}: n${i}`).join(', ')} };
for (const [name, value] of Object.entries(named)) {
  assert.equal(typeof value, 'function', \`export \${name} is \${typeof value}, expected a function or class\`);
}
assert.ok(Object.values(mod).some((value) => typeof value === 'function'), 'the ESM entry exports no function or class');
${scenario?.runtime ?? ''}
`;
}

/** @param {Pkg} pkg */
function cjsSource(pkg) {
  const names = namesFor(pkg);
  const scenario = SCENARIOS[pkg.name];
  return `// Generated by @bce-errors/consumer-check: CommonJS consumer of ${pkg.name}.
'use strict';
const assert = require('node:assert/strict');
const mod = require(${JSON.stringify(pkg.name)});

for (const name of ${JSON.stringify(names)}) {
  assert.equal(typeof mod[name], 'function', \`export \${name} is \${typeof mod[name]}, expected a function or class\`);
}
assert.ok(Object.values(mod).some((value) => typeof value === 'function'), 'the CJS entry exports no function or class');
const esmNames = ${JSON.stringify(pkg.esmExports ?? null)};
if (esmNames !== null) {
  const cjsNames = Object.keys(mod).filter((name) => name !== '__esModule' && name !== 'default');
  const missing = esmNames.filter((name) => !cjsNames.includes(name));
  const extra = cjsNames.filter((name) => !esmNames.includes(name));
  assert.ok(missing.length === 0 && extra.length === 0,
    \`CJS and ESM export names differ: missing in CJS [\${missing.join(', ')}], only in CJS [\${extra.join(', ')}]\`);
}
${scenario?.runtime ?? ''}
`;
}

/** @param {Pkg} pkg */
function crossCopySource(pkg) {
  const name = JSON.stringify(pkg.name);
  return `// Generated by @bce-errors/consumer-check: a CJS copy and an ESM copy of ${pkg.name} in one process.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cjs = require(${name});
const esm = await import(${name});
assert.notEqual(cjs.BceError, esm.BceError, 'require() and import() returned the same module instance; the check needs two copies');
const response = () => ({ status: 404, headers: {}, body: '{"code":"NoSuchKey","message":"m","requestId":"r"}' });
const fromCjs = cjs.parseServiceError(response());
const fromEsm = esm.parseServiceError(response());
assert.equal(esm.isBceError(fromCjs), true, 'ESM isBceError does not recognise an error from the CJS copy');
assert.equal(cjs.isBceError(fromEsm), true, 'CJS isBceError does not recognise an error from the ESM copy');
assert.equal(esm.isBceServiceError(fromCjs), true, 'ESM isBceServiceError does not recognise an error from the CJS copy');
assert.equal(cjs.isBceServiceError(fromEsm), true, 'CJS isBceServiceError does not recognise an error from the ESM copy');
assert.ok(fromCjs instanceof esm.BceServiceError, 'a CJS error is not instanceof the ESM BceServiceError');
assert.ok(fromEsm instanceof cjs.BceError, 'an ESM error is not instanceof the CJS BceError');
`;
}

/** @param {Pkg} pkg */
function typesSource(pkg) {
  const names = namesFor(pkg);
  const scenario = SCENARIOS[pkg.name];
  const lines = [
    `// Generated by @bce-errors/consumer-check: TypeScript consumer of ${pkg.name}.`,
    `import * as ns from ${JSON.stringify(pkg.name)};`,
  ];
  if (names.length > 0) lines.push(`import { ${names.join(', ')} } from ${JSON.stringify(pkg.name)};`);
  lines.push(
    '',
    'type IsAny<T> = 0 extends 1 & T ? true : false;',
    'type IsCallable<T> = T extends (...args: never[]) => unknown ? true : T extends abstract new (...args: never[]) => unknown ? true : false;',
    'const namespaceIsTyped: IsAny<typeof ns> = false;',
    'void namespaceIsTyped;',
  );
  for (const name of names) {
    lines.push(
      `const ${name}IsCallable: IsCallable<typeof ${name}> = true;`,
      `const ${name}IsTyped: IsAny<typeof ${name}> = false;`,
      `void ${name}IsCallable;`,
      `void ${name}IsTyped;`,
    );
  }
  if (scenario) lines.push(scenario.types);
  lines.push('export {};', '');
  return lines.join('\n');
}

/**
 * @param {'node16' | 'bundler'} mode
 * @param {string[]} files
 */
function tsconfig(mode, files) {
  return `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022'],
        module: mode === 'node16' ? 'node16' : 'esnext',
        moduleResolution: mode === 'node16' ? 'node16' : 'bundler',
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        types: ['node'],
      },
      files,
    },
    null,
    2,
  )}\n`;
}

/**
 * The part of one tsc run over all consumer files that concerns `pkg`. An error counts against a package
 * when it is in its consumer files, in its own installed files, or in one of its peers; any other error
 * (in @types/node, in a compiler option) counts against every package.
 * @param {{ code: number | null, stdout: string, stderr: string, timedOut: boolean, error?: Error }} result
 * @param {Pkg} pkg
 * @param {Pkg[]} all
 * @returns {{ ok: boolean, summary?: string, details?: string }}
 */
function tscTypesResult(result, pkg, all) {
  if (result.error || result.timedOut) return { ok: false, ...describeFailure(result, TSC_TIMEOUT_MS) };
  if (result.code === 0) return { ok: true };
  /** @type {string[][]} */
  const blocks = [];
  for (const line of `${result.stdout}\n${result.stderr}`.split('\n')) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line) && blocks.length > 0) /** @type {string[]} */ (blocks[blocks.length - 1]).push(line);
    else blocks.push([line]);
  }
  /** @param {string[]} block */
  const owners = (block) => {
    const file = /^(.+?)\(\d+,\d+\): error TS/.exec(/** @type {string} */ (block[0]))?.[1]?.replaceAll('\\', '/');
    if (file === undefined) return all;
    const own = all.filter((candidate) => file.startsWith(`${candidate.slug}/`) || file.includes(`node_modules/${candidate.name}/`));
    if (own.length > 0) return own;
    const viaPeer = all.filter((candidate) => Object.keys(candidate.peers).some((peer) => file.includes(`node_modules/${peer}/`)));
    return viaPeer.length > 0 ? viaPeer : all;
  };
  const mine = blocks.filter((block) => owners(block).includes(pkg));
  if (blocks.length === 0) return { ok: false, summary: `tsc exited ${result.code} without any error message` };
  if (mine.length === 0) return { ok: true };
  const errorCount = mine.filter((block) => / error TS\d+/.test(/** @type {string} */ (block[0]))).length;
  return {
    ok: false,
    summary: `${errorCount} error(s), first: ${/** @type {string} */ (/** @type {string[]} */ (mine[0])[0]).trim()}`,
    details: mine.map((block) => block.join('\n')).join('\n'),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Main

/** @param {number} ms */
function seconds(ms) {
  return `${(ms / 1000).toFixed(1)}s`;
}

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

/** @param {string[]} args */
function parseCli(args) {
  return parseArgs({
    args,
    options: {
      root: { type: 'string' },
      keep: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      only: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

async function main() {
  const started = Date.now();
  // `pnpm run check -- --only core` passes the `--` through.
  const args = process.argv.slice(2);
  if (args[0] === '--') args.shift();
  /** @type {ReturnType<typeof parseCli>['values']} */
  let values;
  try {
    values = parseCli(args).values;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  if (values.help) {
    console.log('usage: node tools/consumer-check/src/consumer-check.mjs [--root <workspace>] [--only <name>]... [--keep] [--timeout <seconds>]');
    process.exit(0);
  }
  const root = path.resolve(values.root ?? fileURLToPath(new URL('../../..', import.meta.url)));
  const timeoutSeconds = values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    console.error(`--timeout must be a positive number of seconds, got ${values.timeout}`);
    process.exit(2);
  }

  /** @type {string | undefined} */
  let tmp;
  const cleanup = () => {
    for (const child of children) killTree(child);
    if (tmp === undefined) return;
    if (values.keep) note(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
    tmp = undefined;
  };
  const globalTimer = setTimeout(() => {
    report('consumer-check', 'timeout', false, `did not finish within ${timeoutSeconds}s; killed`);
    cleanup();
    printSummary();
    process.exit(1);
  }, timeoutSeconds * 1000);
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      cleanup();
      process.exit(130);
    });
  }

  try {
    // 1. Discover, and insist on an existing build.
    const discovered = await discoverPackages(root);
    const { problems } = discovered;
    for (const problem of problems) report(problem.label, 'manifest', false, problem.message);
    const { packages, unknown } = selectPackages(discovered.packages, values.only);
    for (const name of unknown) report(name, 'select', false, `--only ${name} matches no publishable package`);
    if (unknown.length > 0) return 1;
    if (packages.length === 0) {
      report('packages', 'discover', false, `no publishable package under ${path.join(root, 'packages')}`);
      return 1;
    }
    note(`node ${process.version}, ${os.availableParallelism()} CPU(s)`);
    note(`packages: ${packages.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')}`);
    let missingBuild = false;
    for (const pkg of packages) {
      const missing = missingEntryFiles(pkg);
      if (missing.length > 0) {
        missingBuild = true;
        report(pkg.label, 'dist', false, `missing ${missing.join(', ')}: run pnpm build first`);
      }
    }
    if (missingBuild || problems.length > 0) return 1;

    // 2. Pack into a temp dir outside the workspace.
    tmp = await mkdtemp(path.join(os.tmpdir(), 'bce-consumer-check-'));
    const relativeToRoot = path.relative(root, tmp);
    if (!relativeToRoot.startsWith('..') && !path.isAbsolute(relativeToRoot)) {
      report('consumer-check', 'tmpdir', false, `${tmp} is inside the workspace; set TMPDIR to a directory outside it`);
      return 1;
    }
    const tarballs = path.join(tmp, 'tarballs');
    const project = path.join(tmp, 'project');
    await mkdir(tarballs);
    await mkdir(project);
    const packStarted = Date.now();
    const packResults = await Promise.all(packages.map((pkg) => pack(pkg, tarballs)));
    note(`packed in ${seconds(Date.now() - packStarted)}`);
    packages.forEach((pkg, i) => {
      const result = /** @type {{ ok: boolean, summary: string, details?: string }} */ (packResults[i]);
      report(pkg.label, 'pack', result.ok, result.summary, result.details);
    });
    // Installing a partial set could silently pull a registry copy of a package that failed to pack.
    if (packages.some((pkg) => pkg.tarball === undefined)) return 1;
    const packed = packages;

    // 3. One npm install for everything.
    /** @type {Record<string, string>} */
    const dependencies = {};
    /** @type {Record<string, string>} */
    const overrides = {};
    for (const pkg of packed) {
      dependencies[pkg.name] = `file:${path.relative(project, /** @type {string} */ (pkg.tarball)).split(path.sep).join('/')}`;
      // Every package that depends on another of ours gets the local tarball, never the registry copy.
      overrides[pkg.name] = `$${pkg.name}`;
    }
    const peers = collectPeers(packed);
    Object.assign(dependencies, peers, { typescript: TYPESCRIPT_SPEC, '@types/node': TYPES_NODE_SPEC });
    await writeFile(
      path.join(project, 'package.json'),
      `${JSON.stringify({ name: 'bce-errors-consumer-check', version: '0.0.0', private: true, dependencies, overrides }, null, 2)}\n`,
    );
    note(`npm install ${Object.entries(dependencies).map(([name, spec]) => (spec.startsWith('file:') ? name : `${name}@${spec}`)).join(' ')}`);
    const install = await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], {
      cwd: project,
      timeoutMs: INSTALL_TIMEOUT_MS,
    });
    if (install.code !== 0 || install.error || install.timedOut) {
      const { summary, details } = describeFailure(install, INSTALL_TIMEOUT_MS);
      report('consumer-project', 'npm-install', false, summary, details);
      return 1;
    }
    const installed = JSON.parse(await readFile(path.join(project, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
    const peerVersions = Object.keys(peers).map((name) => {
      const manifestPath = path.join(project, 'node_modules', ...name.split('/'), 'package.json');
      return `${name}@${JSON.parse(readFileSync(manifestPath, 'utf8')).version}`;
    });
    report('consumer-project', 'npm-install', true, [seconds(install.ms), `typescript@${installed}`, ...peerVersions].join(', '));

    const probeStarted = Date.now();
    // 4. Probe the ESM entries for their export names (a failure here shows up as the esm-import failure).
    const checksDir = path.join(project, 'checks');
    await mkdir(checksDir);
    const concurrency = Math.max(2, os.availableParallelism());
    const checked = packed.filter((pkg) => pkg.checked);
    await pool(
      checked.map((pkg) => async () => {
        const probe = path.join(checksDir, `${pkg.slug}.probe.mjs`);
        await writeFile(
          probe,
          `const mod = await import(${JSON.stringify(pkg.name)});\n` +
            'console.log(JSON.stringify(Object.entries(mod).map(([name, value]) => [name, typeof value])));\n',
        );
        const result = await run(process.execPath, [probe], { cwd: project, timeoutMs: NODE_TIMEOUT_MS });
        if (result.code !== 0) return;
        try {
          /** @type {[string, string][]} */
          const entries = JSON.parse(result.stdout.trim().split('\n').pop() ?? '');
          pkg.esmExports = entries.map(([name]) => name).filter((name) => name !== 'default');
          pkg.esmFunctions = entries.filter(([name, type]) => type === 'function' && isIdentifier(name)).map(([name]) => name);
        } catch {
          // Leave undefined: the esm-import check reports the problem.
        }
      }),
      concurrency,
    );

    note(`probed in ${seconds(Date.now() - probeStarted)}`);
    // 5. Write the consumer files and run every check. The two tsc runs (one per module mode) cover all
    //    packages at once, because checking @types/node with skipLibCheck: false dominates their cost;
    //    their errors are attributed to packages by file path.
    /** @typedef {{ ok: boolean, summary?: string, details?: string }} CheckResult */
    /** @type {{ pkg: Pkg, check: string, task: () => Promise<CheckResult> }[]} */
    const nodeChecks = [];
    /**
     * @param {string} file
     * @returns {Promise<CheckResult>}
     */
    const runNode = async (file) => {
      const result = await run(process.execPath, [file], { cwd: project, timeoutMs: NODE_TIMEOUT_MS });
      if (result.code === 0 && !result.error && !result.timedOut) {
        // Passing, but say so when Node warned (e.g. require() of an ES module, experimental before Node 22.12).
        const warning = result.stderr.split('\n').find((line) => /Warning:/.test(line));
        return warning === undefined ? { ok: true } : { ok: true, summary: `node warned: ${warning.trim()}` };
      }
      return { ok: false, ...describeFailure(result, NODE_TIMEOUT_MS) };
    };
    const tsRoot = path.join(project, 'ts');
    for (const pkg of checked) {
      const esmFile = path.join(checksDir, `${pkg.slug}.mjs`);
      const cjsFile = path.join(checksDir, `${pkg.slug}.cjs`);
      await writeFile(esmFile, esmSource(pkg));
      await writeFile(cjsFile, cjsSource(pkg));
      nodeChecks.push({ pkg, check: 'esm-import', task: () => runNode(esmFile) });
      nodeChecks.push({ pkg, check: 'cjs-require', task: () => runNode(cjsFile) });
      if (SCENARIOS[pkg.name]?.crossCopy) {
        const crossFile = path.join(checksDir, `${pkg.slug}.cross-copy.mjs`);
        await writeFile(crossFile, crossCopySource(pkg));
        nodeChecks.push({ pkg, check: 'cross-copy-brand', task: () => runNode(crossFile) });
      }
      const tsDir = path.join(tsRoot, pkg.slug);
      await mkdir(tsDir, { recursive: true });
      const typesText = typesSource(pkg);
      for (const extension of ['mts', 'cts', 'ts']) await writeFile(path.join(tsDir, `consumer.${extension}`), typesText);
    }
    const modes = /** @type {const} */ (['node16', 'bundler']);
    const tsc = path.join(project, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const mode of modes) {
      const files = checked.flatMap((pkg) =>
        mode === 'node16' ? [`${pkg.slug}/consumer.mts`, `${pkg.slug}/consumer.cts`] : [`${pkg.slug}/consumer.ts`],
      );
      await writeFile(path.join(tsRoot, `tsconfig.${mode}.json`), tsconfig(mode, files));
    }
    const tscTasks = modes.map(
      (mode) => () => run(process.execPath, [tsc, '-p', `tsconfig.${mode}.json`, '--pretty', 'false'], { cwd: tsRoot, timeoutMs: TSC_TIMEOUT_MS }),
    );
    const checksStarted = Date.now();
    /** @type {(() => Promise<unknown>)[]} */
    const tasks = [...tscTasks, ...nodeChecks.map((check) => check.task)];
    const allResults = await pool(tasks, concurrency);
    const tscResults = /** @type {Awaited<ReturnType<typeof run>>[]} */ (allResults.slice(0, modes.length));
    const nodeResults = /** @type {CheckResult[]} */ (allResults.slice(modes.length));
    note(`checks ran in ${seconds(Date.now() - checksStarted)} (tsc ${tscResults.map((result) => seconds(result.ms)).join(' + ')})`);
    for (const pkg of checked) {
      nodeChecks.forEach((check, i) => {
        if (check.pkg !== pkg) return;
        const result = /** @type {CheckResult} */ (nodeResults[i]);
        report(pkg.label, check.check, result.ok, result.summary, result.details);
      });
      modes.forEach((mode, i) => {
        const result = tscTypesResult(/** @type {Awaited<ReturnType<typeof run>>} */ (tscResults[i]), pkg, checked);
        report(pkg.label, `types-${mode}`, result.ok, result.summary, result.details);
      });
    }
    note(`finished in ${seconds(Date.now() - started)}`);
    return failed > 0 ? 1 : 0;
  } catch (error) {
    report('consumer-check', 'internal', false, error instanceof Error ? error.message : String(error), error instanceof Error ? error.stack : undefined);
    return 1;
  } finally {
    clearTimeout(globalTimer);
    cleanup();
  }
}

const exitCode = await main();
printSummary();
process.exitCode = exitCode === 0 && failed > 0 ? 1 : exitCode;
