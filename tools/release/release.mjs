#!/usr/bin/env node
// @ts-check
/**
 * Release the publishable @bce-errors/* packages.
 *
 *   node tools/release/release.mjs            build, package checks, `pnpm changeset publish`
 *   node tools/release/release.mjs --dry-run  build, package checks, `pnpm pack --dry-run` per package; offline
 *   --provenance / --no-provenance            force npm provenance on / off (default: on only in a CI with OIDC)
 *
 * Steps, each stopping the release on failure:
 *   1. release state (decisions.mjs): a real release refuses while `.changeset/*.md` (other than README.md) exist,
 *      while a publishable package is still at 0.0.0, or while a publishable package's package.json or
 *      CHANGELOG.md differs from HEAD (the tags changesets creates would point at a commit without the versions);
 *      a dry run prints each of these as a warning.
 *   2. `pnpm build`                       (turbo run build)
 *   3. `pnpm turbo run test:package`      (publint --strict && attw --pack in every package)
 *   4. real: `pnpm changeset publish`; dry run: `pnpm pack --dry-run --json` in every publishable workspace
 *      package (what `changeset publish` would consider: every workspace package without `"private": true`),
 *      printing name@version, the file count and the unpacked size. Nothing is written or uploaded.
 *
 * The dry run needs no network: it sets npm_config_offline, turns off turbo telemetry and update notifiers,
 * and `pnpm pack --dry-run` only reads the package directory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  decideProvenance,
  parseGitStatus,
  provenanceEnv,
  releaseProblems,
  uncommittedReleaseFiles,
} from './decisions.mjs';

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
 * @param {{ dryRun: boolean, cwd?: string, capture?: boolean, env?: Record<string, string | undefined> }} options
 * @returns {Promise<{ code: number | null, stdout: string }>}
 */
function exec(command, args, { dryRun, cwd = root, capture = false, env = stepEnv(dryRun) }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env,
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
 * @param {Record<string, string | undefined>} [env]  the environment, if not the default one
 */
async function step(title, args, dryRun, onFailure = 'nothing was published.', env = stepEnv(dryRun)) {
  say(`${title}: pnpm ${args.join(' ')}`);
  const started = Date.now();
  const { code } = await exec('pnpm', args, { dryRun, env });
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

/**
 * The package.json and CHANGELOG.md files of the given packages that differ from HEAD, relative to the git root;
 * undefined when git cannot tell (not a repository, no git).
 * @param {{ path: string }[]} packages
 * @returns {string[] | undefined}
 */
function uncommittedVersionFiles(packages) {
  const git = (/** @type {string[]} */ ...args) =>
    spawnSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const top = git('rev-parse', '--show-toplevel');
  if (top.status !== 0) return undefined;
  const toplevel = top.stdout.trim();
  const dirs = packages.map((pkg) => path.relative(toplevel, pkg.path).split(path.sep).join('/'));
  const pathspecs = dirs.flatMap((dir) => [`${dir || '.'}/package.json`, `${dir || '.'}/CHANGELOG.md`]);
  const status = git('-C', toplevel, 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...pathspecs);
  if (status.status !== 0) return undefined;
  return uncommittedReleaseFiles(parseGitStatus(status.stdout), dirs);
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
  const usage = 'usage: node tools/release/release.mjs [--dry-run] [--provenance | --no-provenance]';
  /** @type {{ 'dry-run': boolean, provenance: boolean, 'no-provenance': boolean, help: boolean }} */
  let values;
  /** @type {import('./decisions.mjs').ProvenanceDecision} */
  let provenance;
  try {
    values = parseArgs({
      args: process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === '--')),
      options: {
        'dry-run': { type: 'boolean', default: false },
        provenance: { type: 'boolean', default: false },
        'no-provenance': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
    provenance = decideProvenance(
      { provenance: values.provenance, noProvenance: values['no-provenance'] },
      process.env,
    );
  } catch (error) {
    console.error(`release: ${error instanceof Error ? error.message : String(error)}`);
    console.error(usage);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const dryRun = values['dry-run'];
  const started = Date.now();
  say(dryRun ? 'DRY RUN: build, check, and show what would be published (offline)' : 'publishing for real');
  say(
    `provenance: ${provenance.enabled ? 'on' : 'off'} (${provenance.reason})` +
      (dryRun ? '; a real release would publish with NPM_CONFIG_PROVENANCE=' + String(provenance.enabled) : ''),
  );

  // 1. Release state: pending changesets, unversioned packages, uncommitted version files.
  const pending = pendingChangesets();
  const packages = await publishablePackages(dryRun);
  if (packages.length === 0) fail('no publishable workspace package found.');
  const problems = releaseProblems({ pending, packages, uncommitted: uncommittedVersionFiles(packages) });
  if (problems.length > 0 && !dryRun) {
    fail(
      `refusing to publish and tag:\n${problems.map((problem) => `  - ${problem.message}`).join('\n')}\n` +
        'release: nothing was built or published; fix the above and run `pnpm release` again.',
    );
  }
  for (const problem of problems) say(`WARNING: ${problem.message} A real release would refuse.`);
  if (problems.length === 0) say('release state: no pending changesets, versions set and committed');
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
      provenanceEnv(stepEnv(dryRun), provenance),
    );
    say(
      `finished in ${((Date.now() - started) / 1000).toFixed(1)}s; push the tags changesets created with \`git push --follow-tags\`.`,
    );
    return;
  }
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
      'nothing was published. (A real publish skips versions already on the registry; that needs the network and was not checked.)' +
      (problems.length > 0
        ? `\nrelease: ${problems.length} WARNING(S) above: a real release would refuse to publish and tag.`
        : ''),
  );
}

await main();
