#!/usr/bin/env node
// @ts-check
/**
 * Release the publishable @bce-errors/* packages.
 *
 *   node tools/release/release.mjs            build, package checks, `pnpm changeset publish`
 *   node tools/release/release.mjs --dry-run  build, package checks, `pnpm pack --dry-run` per package; offline
 *
 * Steps, each stopping the release on failure:
 *   1. pending changesets: a real release refuses while `.changeset/*.md` (other than README.md) exist, because
 *      they must first become versions with `pnpm version-packages` (and be committed); a dry run only warns.
 *   2. `pnpm build`                       (turbo run build)
 *   3. `pnpm turbo run test:package`      (publint --strict && attw --pack in every package)
 *   4. real: `pnpm changeset publish`; dry run: `pnpm pack --dry-run --json` in every publishable workspace
 *      package (what `changeset publish` would consider: every workspace package without `"private": true`),
 *      printing name@version, the file count and the unpacked size. Nothing is written or uploaded.
 *
 * The dry run needs no network: it sets npm_config_offline, turns off turbo telemetry and update notifiers,
 * and `pnpm pack --dry-run` only reads the package directory.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** @param {string} message */
function say(message) {
  console.log(`release: ${message}`);
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`release: ERROR: ${message}`);
  process.exit(1);
}

/**
 * The environment of every step. For a dry run it keeps tools off the network: anything that still tries to
 * reach a registry fails at once instead of publishing or hanging.
 * @param {boolean} dryRun
 */
function stepEnv(dryRun) {
  /** @type {Record<string, string | undefined>} */
  const env = {
    ...process.env,
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    TURBO_NO_UPDATE_NOTIFIER: '1',
    NO_UPDATE_NOTIFIER: '1',
    npm_config_update_notifier: 'false',
  };
  if (dryRun) env.npm_config_offline = 'true';
  return env;
}

/**
 * Runs a command in the workspace root with inherited output.
 * @param {string} command
 * @param {string[]} args
 * @param {{ dryRun: boolean, cwd?: string, capture?: boolean }} options
 * @returns {Promise<{ code: number | null, stdout: string }>}
 */
function exec(command, args, { dryRun, cwd = root, capture = false }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: stepEnv(dryRun),
      stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
      shell: process.platform === 'win32',
    });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.on('error', (error) => {
      console.error(`release: cannot run ${command}: ${error.message}`);
      resolve({ code: -1, stdout });
    });
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

/**
 * @param {string} title
 * @param {string[]} args  arguments of pnpm
 * @param {boolean} dryRun
 * @param {string} [onFailure]  what to tell the user when the step fails
 */
async function step(title, args, dryRun, onFailure = 'nothing was published.') {
  say(`${title}: pnpm ${args.join(' ')}`);
  const started = Date.now();
  const { code } = await exec('pnpm', args, { dryRun });
  if (code !== 0) fail(`${title} failed (pnpm ${args.join(' ')} exited ${code}); ${onFailure}`);
  say(`${title}: done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/** The changeset files that still wait for `pnpm version-packages`. */
function pendingChangesets() {
  const dir = path.join(root, '.changeset');
  if (!existsSync(dir)) fail(`${dir} does not exist; changesets is not set up.`);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md')
    .sort();
}

/**
 * Every workspace package changesets would publish: all that are not private.
 * @param {boolean} dryRun
 * @returns {Promise<{ name: string, version: string, path: string }[]>}
 */
async function publishablePackages(dryRun) {
  const { code, stdout } = await exec('pnpm', ['-r', 'ls', '--json', '--depth', '-1'], { dryRun, capture: true });
  if (code !== 0) fail(`pnpm -r ls failed (exit ${code}).`);
  /** @type {{ name?: string, version?: string, path: string, private?: boolean }[]} */
  const projects = JSON.parse(stdout);
  return projects
    .filter((project) => project.private !== true && project.name && project.version)
    .map((project) => ({ name: String(project.name), version: String(project.version), path: project.path }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** @param {number} bytes */
function formatSize(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

/**
 * `pnpm pack --dry-run` in one package: what its tarball would contain. Writes nothing.
 * @param {{ name: string, version: string, path: string }} pkg
 */
async function dryPack(pkg) {
  const { code, stdout } = await exec('pnpm', ['pack', '--dry-run', '--json'], {
    dryRun: true,
    cwd: pkg.path,
    capture: true,
  });
  if (code !== 0) fail(`pnpm pack --dry-run failed in ${path.relative(root, pkg.path)} (exit ${code}).`);
  /** @type {{ name: string, version: string, filename: string, files: { path: string }[] }} */
  let result;
  try {
    result = JSON.parse(stdout.slice(stdout.indexOf('{')));
  } catch {
    fail(`cannot read the output of pnpm pack --dry-run in ${path.relative(root, pkg.path)}:\n${stdout}`);
  }
  let size = 0;
  for (const file of result.files) {
    const absolute = path.join(pkg.path, file.path);
    if (existsSync(absolute)) size += statSync(absolute).size;
  }
  return { ...result, size };
}

async function main() {
  /** @type {{ 'dry-run': boolean, help: boolean }} */
  let values;
  try {
    values = parseArgs({
      args: process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === '--')),
      options: {
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`release: ${error instanceof Error ? error.message : String(error)}`);
    console.error('usage: node tools/release/release.mjs [--dry-run]');
    process.exit(2);
  }
  if (values.help) {
    console.log('usage: node tools/release/release.mjs [--dry-run]');
    return;
  }
  const dryRun = values['dry-run'];
  const started = Date.now();
  say(dryRun ? 'DRY RUN: build, check, and show what would be published (offline)' : 'publishing for real');

  // 1. Pending changesets.
  const pending = pendingChangesets();
  if (pending.length > 0) {
    const list = pending.map((name) => `.changeset/${name}`).join(', ');
    if (!dryRun) {
      fail(
        `${pending.length} pending changeset(s): ${list}.\n` +
          'release: They must be versioned before publishing: run `pnpm version-packages`, review and commit the ' +
          'version bumps and CHANGELOG.md entries, then run `pnpm release` again.',
      );
    }
    say(
      `WARNING: ${pending.length} pending changeset(s): ${list}; a real release would refuse until \`pnpm version-packages\` has run.`,
    );
  } else {
    say('no pending changesets');
  }
  if (existsSync(path.join(root, '.changeset', 'pre.json')))
    say('note: changesets is in pre-release mode (.changeset/pre.json)');

  // 2. Build. 3. Package checks.
  await step('build', ['build'], dryRun);
  await step('package checks', ['turbo', 'run', 'test:package'], dryRun);

  // 4. Publish, or show what would be published.
  if (!dryRun) {
    await step(
      'publish',
      ['changeset', 'publish'],
      dryRun,
      'packages listed as published above are on the registry; fix the cause and run `pnpm release` again to publish the rest.',
    );
    say(
      `finished in ${((Date.now() - started) / 1000).toFixed(1)}s; push the tags changesets created with \`git push --follow-tags\`.`,
    );
    return;
  }
  const packages = await publishablePackages(dryRun);
  if (packages.length === 0) fail('no publishable workspace package found.');
  for (const pkg of packages) {
    const packed = await dryPack(pkg);
    say(
      `would publish ${packed.name}@${packed.version} (${packed.files.length} files, ${formatSize(packed.size)} unpacked, ` +
        `${path.relative(root, pkg.path)} -> ${packed.filename})`,
    );
    for (const file of packed.files) console.log(`    ${file.path}`);
  }
  say(
    `DRY RUN complete in ${((Date.now() - started) / 1000).toFixed(1)}s: ${packages.length} package(s) would be published; ` +
      'nothing was published. (A real publish skips versions already on the registry; that needs the network and was not checked.)',
  );
}

await main();
