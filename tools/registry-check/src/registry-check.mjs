#!/usr/bin/env node
// @ts-check
/**
 * Publishes every publishable workspace package to a local verdaccio on 127.0.0.1 and installs them from it, as a
 * user would: `npm publish` of the `pnpm pack` tarballs, `npm install` into a fresh project, an example run against
 * a local HTTP server, and `npx bce-errors` from an empty folder. See README.md.
 *
 *   node src/registry-check.mjs [--no-build]
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { childEnv, describeFailure, killAllChildren, run } from './processes.mjs';
import { dependencyClosure, publishInstalled } from './seed.mjs';
import { createUser, ensureVerdaccio, startVerdaccio } from './verdaccio.mjs';

const root = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const cacheRoot = path.join(root, '.cache', 'registry-check');
/** The whole check; CI's budget for it is ~3 minutes. */
const DEADLINE_MS = 170_000;
const STEP_TIMEOUT_MS = 90_000;
/** What the fresh project installs besides the @bce-errors packages (their peers), as a user would type it. */
const PEERS = ['axios', 'got@14'];
/** The unscoped package that carries the CLI, so that `npx bce-errors` works outside a project. */
const CLI_PACKAGE = 'bce-errors';

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
/** @param {string} message */
const say = (message) => console.log(`registry-check [${seconds()}]: ${message}`);
/** @param {string} text */
const indent = (text) => text.replace(/\s+$/, '').replace(/^/gm, '    ');

class StepError extends Error {}

/** @type {(() => void)[]} */
const cleanups = [];
function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      cleanup();
    } catch (error) {
      console.error(`registry-check: cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  killAllChildren();
}
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    console.error(`registry-check: ${signal}: stopping`);
    cleanUp();
    process.exit(1);
  });
}
setTimeout(() => {
  console.error(`registry-check: FAILED: the check did not finish within ${DEADLINE_MS / 1000}s; stopping.`);
  cleanUp();
  process.exit(1);
}, DEADLINE_MS).unref();

/**
 * Runs a step's command; throws a StepError with its output when it fails.
 * @param {string} what
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env: Record<string, string>, timeoutMs?: number, allowExit?: number[] }} options
 */
async function must(what, command, args, { cwd, env, timeoutMs = STEP_TIMEOUT_MS, allowExit = [0] }) {
  const result = await run(command, args, { cwd, env, timeoutMs });
  if (result.error || result.timedOut || result.code === null || !allowExit.includes(result.code))
    throw new StepError(describeFailure(`${what} (${command} ${args.join(' ')})`, result, timeoutMs));
  return result;
}

/** @param {string} file */
const readJson = (file) => /** @type {Record<string, any>} */ (JSON.parse(readFileSync(file, 'utf8')));

/** The example the fresh project runs: a 404 through each adapter against a local server gives a BceServiceError. */
const EXAMPLE = `// Written by tools/registry-check: every adapter, installed from the local registry, against a local 404.
import http from 'node:http';
import axios from 'axios';
import got from 'got';
import { isBceServiceError } from '@bce-errors/core';
import { installBceErrors } from '@bce-errors/axios';
import { bceErrors } from '@bce-errors/got';
import { createBceFetch } from '@bce-errors/fetch';

const server = http.createServer((request, response) => {
  response.writeHead(404, { 'content-type': 'application/json', 'x-bce-request-id': 'req-registry-check' });
  response.end(JSON.stringify({ code: 'NoSuchKey', message: 'The specified key does not exist.', requestId: 'req-registry-check' }));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = 'http://127.0.0.1:' + server.address().port;
let failed = 0;
async function expectNoSuchKey(label, call) {
  try {
    await call();
    console.log(label + ': resolved, expected a BceServiceError');
    failed++;
  } catch (error) {
    if (isBceServiceError(error) && error.code === 'NoSuchKey' && error.statusCode === 404) {
      console.log(label + ': ' + error.name + ' code=' + error.code + ' statusCode=' + error.statusCode + ' requestId=' + error.requestId);
      console.log('  message: ' + error.message);
    } else {
      console.log(label + ': unexpected error', error);
      failed++;
    }
  }
}
const client = axios.create({ baseURL: base });
installBceErrors(client, { style: 'go' });
await expectNoSuchKey('axios ' + axios.VERSION + ' (go style)', () => client.get('/bucket/missing-key'));
const gotClient = got.extend(bceErrors({ style: 'java' }), { prefixUrl: base });
await expectNoSuchKey('got (java style)', () => gotClient.get('bucket/missing-key'));
const bceFetch = createBceFetch({ style: 'python' });
await expectNoSuchKey('fetch (python style)', () => bceFetch(base + '/bucket/missing-key'));
server.close();
process.exitCode = failed === 0 ? 0 : 1;
`;

async function main() {
  const { values } = parseArgs({ options: { 'no-build': { type: 'boolean', default: false } } });
  const tmp = mkdtempSync(path.join(tmpdir(), 'bce-registry-check-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  const workspaceEnv = childEnv();

  // 1. Build and find what would be published.
  if (!values['no-build']) {
    say('building the packages: pnpm turbo run build --filter=./packages/*');
    await must('build', 'pnpm', ['turbo', 'run', 'build', '--filter=./packages/*', '--output-logs=errors-only'], {
      cwd: root,
      env: workspaceEnv,
      timeoutMs: 150_000,
    });
  }
  const listed = await must('listing workspace packages', 'pnpm', ['-r', 'ls', '--json', '--depth', '-1'], {
    cwd: root,
    env: workspaceEnv,
  });
  /** @type {{ name: string, version: string, path: string, private?: boolean }[]} */
  const projects = JSON.parse(listed.stdout);
  const publishable = projects
    .filter((project) => project.private !== true && project.name && project.version)
    .sort((a, b) => a.name.localeCompare(b.name));
  if (publishable.length === 0) throw new StepError('no publishable workspace package found');
  const ours = new Set(publishable.map((pkg) => pkg.name));

  // 2. Pack each with pnpm, which replaces workspace: ranges.
  const tarballs = path.join(tmp, 'tarballs');
  mkdirSync(tarballs);
  /** @type {{ name: string, version: string, tarball: string, dir: string }[]} */
  const packed = [];
  for (const pkg of publishable) {
    const result = await must(`pnpm pack of ${pkg.name}`, 'pnpm', ['pack', '--json', '--pack-destination', tarballs], {
      cwd: pkg.path,
      env: workspaceEnv,
    });
    const info = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
    packed.push({
      name: pkg.name,
      version: pkg.version,
      tarball: path.resolve(tarballs, info.filename),
      dir: pkg.path,
    });
  }
  say(`packed ${packed.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')}`);

  // 3. The registry.
  const verdaccio = await ensureVerdaccio(cacheRoot, say);
  const registry = await startVerdaccio(verdaccio.bin, path.join(tmp, 'verdaccio'));
  cleanups.push(registry.stop);
  say(
    `verdaccio ${verdaccio.version}${verdaccio.reused ? ' (cached)' : ''} on ${registry.url} (Node ${process.version}), storage in a temp dir, no uplink`,
  );
  const probe = await fetch(new URL('left-pad', registry.url));
  if (probe.status !== 404)
    throw new StepError(`verdaccio answered ${probe.status} for left-pad: it must not proxy any registry`);
  const token = await createUser(registry.url);
  // The token only where npm needs it (publish): verdaccio checks it with bcrypt on every request it comes with,
  // which made an install with it ten times slower.
  const npmrc = path.join(tmp, 'npmrc');
  writeFileSync(npmrc, `registry=${registry.url}\n`);
  const publishNpmrc = path.join(tmp, 'npmrc-publish');
  writeFileSync(publishNpmrc, `registry=${registry.url}\n//127.0.0.1:${registry.port}/:_authToken=${token}\n`);
  writeFileSync(path.join(tmp, 'npmrc-global'), '');
  // Every npm below talks to the local registry only; anything else would go to a proxy that refuses.
  const npmEnv = childEnv({
    npm_config_registry: registry.url,
    npm_config_userconfig: npmrc,
    npm_config_globalconfig: path.join(tmp, 'npmrc-global'),
    npm_config_cache: path.join(tmp, 'npm-cache'),
    npm_config_proxy: 'http://127.0.0.1:9',
    npm_config_https_proxy: 'http://127.0.0.1:9',
    npm_config_noproxy: '127.0.0.1',
    npm_config_fetch_retries: '0',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: process.env.REGISTRY_CHECK_NPM_LOGLEVEL ?? 'error',
  });

  // 4. Third-party packages from the workspace's install (the registry has no uplink).
  const seeds = publishable.flatMap((pkg) => {
    const manifest = readJson(path.join(pkg.path, 'package.json'));
    return [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]
      .filter((name) => !ours.has(name))
      .map((name) => {
        const dir = path.join(pkg.path, 'node_modules', name);
        if (!existsSync(dir))
          throw new StepError(`${name} (a dependency of ${pkg.name}) is not installed in ${dir}; run pnpm install`);
        return dir;
      });
  });
  const thirdParty = dependencyClosure(seeds);
  const seededBytes = await publishInstalled(thirdParty, registry.url, token);
  const top = thirdParty.filter((pkg) => seeds.some((seed) => path.basename(seed) === pkg.name));
  say(
    `seeded ${thirdParty.length} third-party packages from the workspace's install (${(seededBytes / 1024).toFixed(0)} kB): ` +
      `${top.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')} and their dependencies`,
  );

  // 5. Publish ours with npm, the way a release does.
  for (const pkg of packed) {
    const result = await run('npm', ['publish', pkg.tarball, '--registry', registry.url, '--access', 'public'], {
      cwd: tmp,
      env: { ...npmEnv, npm_config_userconfig: publishNpmrc },
      timeoutMs: STEP_TIMEOUT_MS,
    });
    if (result.code !== 0) {
      const hint = /provenance/i.test(result.stderr)
        ? '\n(a publishConfig.provenance in the package.json makes every publish outside a CI with OIDC fail; see tools/release/README.md)'
        : '';
      throw new StepError(describeFailure(`npm publish of ${pkg.name}`, result, STEP_TIMEOUT_MS) + hint);
    }
    // What the registry now serves for it: the ranges pnpm pack wrote in place of workspace: ones.
    const served = await fetch(new URL(pkg.name.replace('/', '%2f'), registry.url));
    if (!served.ok)
      throw new StepError(`the registry does not serve ${pkg.name} after npm publish: HTTP ${served.status}`);
    const packument = /** @type {{ versions?: Record<string, Record<string, any>> }} */ (await served.json());
    const manifest = packument.versions?.[pkg.version];
    if (!manifest) throw new StepError(`the registry has no ${pkg.name}@${pkg.version} after npm publish`);
    const ranges = [
      ...Object.entries(manifest.dependencies ?? {}).map(([dep, range]) => `${dep} ${String(range)}`),
      ...Object.entries(manifest.peerDependencies ?? {}).map(([dep, range]) => `${dep} ${String(range)} (peer)`),
    ];
    say(`published ${pkg.name}@${pkg.version}: ${ranges.length > 0 ? ranges.join(', ') : 'no dependencies'}`);
    if (ranges.some((range) => range.includes('workspace:')))
      throw new StepError(`${pkg.name} was published with a workspace: range`);
    if (manifest.publishConfig?.provenance !== undefined)
      throw new StepError(
        `${pkg.name} sets publishConfig.provenance, which only the release script may decide (tools/release/README.md)`,
      );
  }

  // 6. A fresh project installs the adapters and their peers from the local registry only.
  const project = path.join(tmp, 'project');
  mkdirSync(project);
  writeFileSync(
    path.join(project, 'package.json'),
    `${JSON.stringify({ name: 'registry-check-consumer', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
  const installed = packed.filter((pkg) => pkg.name !== CLI_PACKAGE).map((pkg) => pkg.name);
  const installArgs = ['install', ...installed, ...PEERS, '--registry', registry.url];
  say(`fresh project: npm ${installArgs.join(' ')}`);
  const install = await must('npm install in the fresh project', 'npm', installArgs, { cwd: project, env: npmEnv });
  if (process.env.REGISTRY_CHECK_NPM_LOGLEVEL) console.log(install.stderr);
  say(`installed in ${(install.ms / 1000).toFixed(1)}s`);
  const lock = readJson(path.join(project, 'package-lock.json'));
  /** @type {Record<string, { version?: string, resolved?: string }>} */
  const locked = lock.packages ?? {};
  const foreign = Object.entries(locked).filter(
    ([key, entry]) => key !== '' && entry.resolved && !entry.resolved.startsWith(registry.url),
  );
  if (foreign.length > 0)
    throw new StepError(
      `packages resolved from elsewhere than ${registry.url}: ${foreign.map(([key]) => key).join(', ')}`,
    );
  say(`package-lock.json: ${Object.keys(locked).length - 1} packages, every one resolved from ${registry.url}`);
  const versions = [...installed, 'axios', 'got'].map(
    (name) => `${name}@${String(readJson(path.join(project, 'node_modules', name, 'package.json')).version)}`,
  );
  say(`installed: ${versions.join(', ')}`);
  // npm ls fails on a missing or invalid (out-of-range) dependency or peer anywhere in the tree.
  const tree = await must('npm ls (every range satisfied)', 'npm', ['ls', '--all'], { cwd: project, env: npmEnv });
  say(`npm ls --all: every dependency and peer range satisfied (${tree.stdout.split('\n').length - 2} lines)`);

  // 7. The example.
  writeFileSync(path.join(project, 'example.mjs'), EXAMPLE);
  const example = await must('the example (node example.mjs)', process.execPath, ['example.mjs'], {
    cwd: project,
    env: npmEnv,
    timeoutMs: 30_000,
  });
  say(`node example.mjs:\n${indent(example.stdout)}`);

  // 8. The CLI from an empty folder.
  const empty = path.join(tmp, 'empty');
  mkdirSync(empty);
  const cli = packed.find((pkg) => pkg.name === CLI_PACKAGE);
  const npx = cli ? ['--yes', CLI_PACKAGE] : ['--yes', '--package', '@bce-errors/core', 'bce-errors'];
  if (!cli)
    say(
      `note: no ${CLI_PACKAGE} package in the workspace; using the scoped form npx --package @bce-errors/core bce-errors`,
    );
  const expectedVersion = (cli ?? packed.find((pkg) => pkg.name === '@bce-errors/core'))?.version;
  const version = await must('npx --version from an empty folder', 'npx', [...npx, '--version'], {
    cwd: empty,
    env: npmEnv,
  });
  say(`(empty folder) npx ${npx.join(' ')} --version  ->  ${version.stdout.trim()}`);
  if (expectedVersion && !version.stdout.includes(expectedVersion))
    throw new StepError(
      `npx ${npx.join(' ')} --version printed ${JSON.stringify(version.stdout.trim())}, expected ${expectedVersion}`,
    );
  // NoSuchKey is the format pages' example code, not a catalogued one: the CLI explains that and may exit 1.
  const explain = await must('npx explain NoSuchKey from an empty folder', 'npx', [...npx, 'explain', 'NoSuchKey'], {
    cwd: empty,
    env: npmEnv,
    allowExit: [0, 1],
  });
  const explained = `${explain.stdout}${explain.stderr}`;
  if (!explained.includes('NoSuchKey'))
    throw new StepError(`npx ${npx.join(' ')} explain NoSuchKey did not mention NoSuchKey:\n${explained}`);
  say(`(empty folder) npx ${npx.join(' ')} explain NoSuchKey  ->  exit ${explain.code}\n${indent(explained)}`);
  if (readdirSync(empty).length > 0)
    throw new StepError(`npx wrote into the empty folder: ${readdirSync(empty).join(', ')}`);

  // Nothing came from anywhere else: the storage holds exactly what this run published.
  const storage = path.join(tmp, 'verdaccio', 'storage');
  const stored = readdirSync(storage)
    .filter((entry) => !entry.startsWith('.'))
    .flatMap((entry) =>
      entry.startsWith('@') ? readdirSync(path.join(storage, entry)).map((name) => `${entry}/${name}`) : [entry],
    )
    .sort();
  const expected = [...new Set([...thirdParty.map((pkg) => pkg.name), ...ours])].sort();
  if (stored.join('\n') !== expected.join('\n'))
    throw new StepError(
      `the registry's storage holds ${stored.join(', ')}; expected exactly what this run published: ${expected.join(', ')}`,
    );
  say(
    `the registry held ${stored.length} packages, exactly those this run published; stopping verdaccio, removing ${tmp}`,
  );
}

try {
  await main();
  cleanUp();
  say(`OK in ${seconds()}`);
} catch (error) {
  cleanUp();
  const message =
    error instanceof StepError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  console.error(`registry-check: FAILED after ${seconds()}: ${message}`);
  process.exitCode = 1;
}
