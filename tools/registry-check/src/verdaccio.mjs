// @ts-check
/**
 * A throw-away verdaccio on 127.0.0.1: installed once from the npm registry into .cache/registry-check (pinned by
 * verdaccio/package-lock.json), started per run with a temp storage and NO uplink, so that an install from it can
 * only get what this run published.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import process from 'node:process';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { childEnv, describeFailure, killTree, run, start } from './processes.mjs';

const pinned = fileURLToPath(new URL('../verdaccio/', import.meta.url));
const INSTALL_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 30_000;

/**
 * verdaccio's config: anyone may read and publish, nothing is proxied (no `uplinks`, no `proxy:` on any package),
 * no web UI, no audit middleware (which would forward `npm audit` to the public registry).
 * @param {{ storage: string, htpasswd: string }} paths
 */
export function verdaccioConfig({ storage, htpasswd }) {
  return [
    '# Written by tools/registry-check for one run; deleted with its temp directory.',
    `storage: ${JSON.stringify(storage)}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(htpasswd)}`,
    '    max_users: 10',
    '# No uplinks: nothing is fetched from, or forwarded to, any other registry.',
    'uplinks: {}',
    'packages:',
    "  '**':",
    '    access: $all',
    '    publish: $all',
    '    unpublish: $all',
    'web:',
    '  enable: false',
    'max_body_size: 100mb',
    'log: { type: stdout, format: pretty, level: warn }',
    '',
  ].join('\n');
}

/**
 * Installs the pinned verdaccio into the cache unless the same lockfile is installed there already.
 * @param {string} cacheRoot  e.g. <repo>/.cache/registry-check
 * @param {(message: string) => void} say
 * @returns {Promise<{ bin: string, version: string, reused: boolean }>}
 */
export async function ensureVerdaccio(cacheRoot, say) {
  const lock = readFileSync(path.join(pinned, 'package-lock.json'));
  const hash = createHash('sha256')
    .update(readFileSync(path.join(pinned, 'package.json')))
    .update(lock)
    .digest('hex');
  const dir = path.join(cacheRoot, `verdaccio-${hash.slice(0, 12)}`);
  const bin = path.join(dir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
  const marker = path.join(dir, '.installed');
  const version = () =>
    String(JSON.parse(readFileSync(path.join(dir, 'node_modules', 'verdaccio', 'package.json'), 'utf8')).version);
  if (existsSync(marker) && existsSync(bin)) return { bin, version: version(), reused: true };
  say(
    `installing verdaccio (pinned in tools/registry-check/verdaccio) into ${path.relative(process.cwd(), dir)} with npm ci`,
  );
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(pinned, 'package.json'), path.join(dir, 'package.json'));
  copyFileSync(path.join(pinned, 'package-lock.json'), path.join(dir, 'package-lock.json'));
  const result = await run('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd: dir,
    env: childEnv(),
    timeoutMs: INSTALL_TIMEOUT_MS,
  });
  if (result.code !== 0)
    throw new Error(describeFailure('npm ci of verdaccio (needs the npm registry)', result, INSTALL_TIMEOUT_MS));
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return { bin, version: version(), reused: false };
}

/** A port that was free a moment ago on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * Starts verdaccio and waits until it answers. The caller must call `stop()`.
 * @param {string} bin
 * @param {string} workDir  a temp directory for the config, storage and htpasswd
 */
export async function startVerdaccio(bin, workDir) {
  const storage = path.join(workDir, 'storage');
  mkdirSync(storage, { recursive: true });
  const config = path.join(workDir, 'config.yaml');
  writeFileSync(config, verdaccioConfig({ storage, htpasswd: path.join(workDir, 'htpasswd') }));
  const port = /** @type {number} */ (await freePort());
  let log = '';
  const child = start(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], {
    cwd: workDir,
    env: childEnv(),
    onOutput: (text) => (log += text),
  });
  const url = `http://127.0.0.1:${port}/`;
  const stop = () => killTree(child);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `verdaccio exited before it answered (exit ${child.exitCode ?? child.signalCode}):\n${log.trim()}`,
      );
    try {
      const response = await fetch(new URL('-/ping', url), { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`verdaccio did not answer on ${url} within ${START_TIMEOUT_MS / 1000}s:\n${log.trim()}`);
    }
    await delay(200);
  }
  return { url, port, child, stop, log: () => log };
}

/**
 * Creates a user (npm's `adduser` request) and returns its token: the npm client refuses to publish without one.
 * @param {string} url
 */
export async function createUser(url) {
  const name = 'registry-check';
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      _id: `org.couchdb.user:${name}`,
      name,
      password: `pw-${process.pid}-${Date.now()}`,
      type: 'user',
      roles: [],
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = /** @type {{ token?: string }} */ (await response.json().catch(() => ({})));
  if (!response.ok || !body.token)
    throw new Error(`verdaccio adduser failed: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}
