// @ts-check
/**
 * The decisions of the release script, as pure functions (no file system, no child processes, no process.env
 * reads): release.mjs gathers the facts and acts on the answers; test/decisions.test.mjs covers every branch.
 */

/** @typedef {{ name: string, version: string, path: string }} PublishablePackage */
/** @typedef {{ status: string, path: string }} GitStatusEntry */
/** @typedef {{ kind: 'pending-changesets' | 'unversioned' | 'uncommitted' | 'no-git', message: string }} ReleaseProblem */
/**
 * @typedef {{ enabled: boolean, source: 'flag' | 'oidc' | 'default', reason: string }} ProvenanceDecision
 */

/** The version every workspace package has before changesets has versioned it; never a release. */
const UNRELEASED_VERSION = '0.0.0';

/**
 * Whether the environment can mint the OIDC token npm needs to sign provenance: GitHub Actions with
 * `permissions: id-token: write` (which sets ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN), or GitLab CI with an
 * `id_tokens:` entry named SIGSTORE_ID_TOKEN. These are the CI providers npm supports for provenance.
 * @param {Record<string, string | undefined>} env
 * @returns {string | undefined}  a description of the OIDC provider, or undefined when there is none
 */
export function oidcProvider(env) {
  if (env.GITHUB_ACTIONS === 'true' && env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
    return 'GitHub Actions OIDC (ACTIONS_ID_TOKEN_REQUEST_URL is set)';
  if (env.GITLAB_CI === 'true' && env.SIGSTORE_ID_TOKEN) return 'GitLab CI OIDC (SIGSTORE_ID_TOKEN is set)';
  return undefined;
}

/**
 * Whether to publish with provenance. An explicit `--provenance` / `--no-provenance` wins; otherwise provenance is
 * on exactly where npm can generate it (a CI with OIDC) and off everywhere else (a laptop, a company registry, a
 * local verdaccio), where `npm publish --provenance` fails with EUSAGE.
 * @param {{ provenance?: boolean | undefined, noProvenance?: boolean | undefined }} flags
 * @param {Record<string, string | undefined>} env
 * @returns {ProvenanceDecision}
 */
export function decideProvenance(flags, env) {
  if (flags.provenance && flags.noProvenance)
    throw new TypeError('--provenance and --no-provenance contradict each other');
  if (flags.provenance) return { enabled: true, source: 'flag', reason: '--provenance was given' };
  if (flags.noProvenance) return { enabled: false, source: 'flag', reason: '--no-provenance was given' };
  const provider = oidcProvider(env);
  if (provider) return { enabled: true, source: 'oidc', reason: provider };
  return {
    enabled: false,
    source: 'default',
    reason: 'no CI OIDC token: ACTIONS_ID_TOKEN_REQUEST_URL is not set; pass --provenance to force it',
  };
}

/**
 * The environment for the publish step: npm (which `changeset publish` runs, through `pnpm publish`) reads
 * NPM_CONFIG_PROVENANCE. Any other spelling of the variable is removed first, so the decision is the only one.
 * The value is always set, `false` included, so that a `provenance=true` in an .npmrc cannot override the decision.
 * @param {Record<string, string | undefined>} env
 * @param {ProvenanceDecision} decision
 * @returns {Record<string, string | undefined>}
 */
export function provenanceEnv(env, decision) {
  /** @type {Record<string, string | undefined>} */
  const result = {};
  for (const [key, value] of Object.entries(env))
    if (key.toLowerCase() !== 'npm_config_provenance') result[key] = value;
  result.NPM_CONFIG_PROVENANCE = decision.enabled ? 'true' : 'false';
  return result;
}

/**
 * Parses `git status --porcelain=v1 -z` output. A rename (`R`/`C`) carries the old path as the next field; both
 * paths are reported, since either may be a release file.
 * @param {string} output
 * @returns {GitStatusEntry[]}
 */
export function parseGitStatus(output) {
  /** @type {GitStatusEntry[]} */
  const entries = [];
  const fields = output.split('\0');
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index];
    if (field === undefined || field.length < 4) continue;
    const status = field.slice(0, 2);
    entries.push({ status, path: field.slice(3) });
    if (status.includes('R') || status.includes('C')) {
      const from = fields[++index];
      if (from) entries.push({ status, path: from });
    }
  }
  return entries;
}

/**
 * The release files (package.json and CHANGELOG.md of a publishable package) that differ from HEAD: modified,
 * staged, deleted or untracked (a first CHANGELOG.md is untracked until committed).
 * @param {GitStatusEntry[]} entries  paths relative to the repository root, with forward slashes
 * @param {string[]} packageDirs  the publishable packages' directories, relative to the root
 * @returns {string[]}
 */
export function uncommittedReleaseFiles(entries, packageDirs) {
  const releaseFiles = new Set(
    packageDirs.flatMap((dir) => {
      const prefix = dir === '' || dir === '.' ? '' : `${dir.replace(/\\/g, '/').replace(/\/$/, '')}/`;
      return [`${prefix}package.json`, `${prefix}CHANGELOG.md`];
    }),
  );
  return [...new Set(entries.filter((entry) => releaseFiles.has(entry.path)).map((entry) => entry.path))].sort();
}

/**
 * Everything that makes a real release wrong. `pnpm release` refuses when the list is not empty; the dry run prints
 * each one as a warning.
 * @param {{
 *   pending: string[],
 *   packages: PublishablePackage[],
 *   uncommitted: string[] | undefined,
 * }} facts  `uncommitted` is undefined when git could not tell (no repository, no git)
 * @returns {ReleaseProblem[]}
 */
export function releaseProblems({ pending, packages, uncommitted }) {
  /** @type {ReleaseProblem[]} */
  const problems = [];
  if (pending.length > 0) {
    problems.push({
      kind: 'pending-changesets',
      message:
        `${pending.length} pending changeset(s): ${pending.map((name) => `.changeset/${name}`).join(', ')}. ` +
        'Run `pnpm version-packages`, review and commit the version bumps and CHANGELOG.md entries, then release.',
    });
  }
  const unversioned = packages.filter((pkg) => pkg.version === UNRELEASED_VERSION);
  if (unversioned.length > 0) {
    problems.push({
      kind: 'unversioned',
      message:
        `${unversioned.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')} still at ${UNRELEASED_VERSION}` +
        (pending.length > 0
          ? ': the pending changesets have not been turned into versions (`pnpm version-packages`).'
          : ': 0.0.0 is the placeholder of a package that was never versioned; add a changeset and run `pnpm version-packages`.'),
    });
  }
  if (uncommitted === undefined) {
    problems.push({
      kind: 'no-git',
      message: 'cannot tell whether the version bumps are committed (git status failed); the tags would point at HEAD.',
    });
  } else if (uncommitted.length > 0) {
    problems.push({
      kind: 'uncommitted',
      message:
        `version files not committed: ${uncommitted.join(', ')}. The git tags are created on HEAD, which would not ` +
        'contain these versions; commit them first.',
    });
  }
  return problems;
}
