// @ts-check
import { describe, expect, it } from 'vitest';
import {
  decideProvenance,
  oidcProvider,
  parseGitStatus,
  provenanceEnv,
  releaseProblems,
  uncommittedReleaseFiles,
} from '../decisions.mjs';

const github = {
  GITHUB_ACTIONS: 'true',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x',
};

describe('provenance', () => {
  it('is off outside a CI with OIDC (a laptop, a company or local registry)', () => {
    expect(oidcProvider({})).toBeUndefined();
    expect(decideProvenance({}, {})).toMatchObject({ enabled: false, source: 'default' });
    // GitHub Actions without `permissions: id-token: write` has no token URL: npm would fail with EUSAGE.
    expect(decideProvenance({}, { GITHUB_ACTIONS: 'true', CI: 'true' })).toMatchObject({ enabled: false });
  });

  it('is on in GitHub Actions and GitLab CI with an OIDC token', () => {
    expect(decideProvenance({}, github)).toMatchObject({ enabled: true, source: 'oidc' });
    expect(decideProvenance({}, { GITLAB_CI: 'true', SIGSTORE_ID_TOKEN: 'jwt' })).toMatchObject({
      enabled: true,
      source: 'oidc',
    });
    expect(decideProvenance({}, { GITLAB_CI: 'true' })).toMatchObject({ enabled: false });
  });

  it('follows an explicit flag whatever the environment', () => {
    expect(decideProvenance({ provenance: true }, {})).toMatchObject({ enabled: true, source: 'flag' });
    expect(decideProvenance({ noProvenance: true }, github)).toMatchObject({ enabled: false, source: 'flag' });
    expect(() => decideProvenance({ provenance: true, noProvenance: true }, {})).toThrow(TypeError);
  });

  it('sets exactly one NPM_CONFIG_PROVENANCE, false included, replacing any other spelling', () => {
    const env = { PATH: '/bin', npm_config_provenance: 'true', Npm_Config_Provenance: 'true' };
    expect(provenanceEnv(env, decideProvenance({}, {}))).toEqual({ PATH: '/bin', NPM_CONFIG_PROVENANCE: 'false' });
    expect(provenanceEnv({ PATH: '/bin' }, decideProvenance({ provenance: true }, {}))).toEqual({
      PATH: '/bin',
      NPM_CONFIG_PROVENANCE: 'true',
    });
    expect(env.npm_config_provenance).toBe('true');
  });
});

describe('git status', () => {
  it('parses porcelain v1 -z, renames with both paths', () => {
    const output = [
      ' M packages/core/package.json',
      '?? packages/core/CHANGELOG.md',
      'R  packages/got/CHANGELOG.md',
      'packages/got/HISTORY.md',
      'D  .changeset/a.md',
      '',
    ].join('\0');
    expect(parseGitStatus(output)).toEqual([
      { status: ' M', path: 'packages/core/package.json' },
      { status: '??', path: 'packages/core/CHANGELOG.md' },
      { status: 'R ', path: 'packages/got/CHANGELOG.md' },
      { status: 'R ', path: 'packages/got/HISTORY.md' },
      { status: 'D ', path: '.changeset/a.md' },
    ]);
    expect(parseGitStatus('')).toEqual([]);
  });

  it('keeps only the package.json and CHANGELOG.md of publishable packages', () => {
    const entries = parseGitStatus(
      [
        ' M packages/core/package.json',
        'M  packages/core/src/index.ts',
        '?? packages/axios/CHANGELOG.md',
        ' M tools/demo/package.json',
        ' M package.json',
        ' M packages/core/package.json',
      ].join('\0'),
    );
    expect(uncommittedReleaseFiles(entries, ['packages/core', 'packages/axios/'])).toEqual([
      'packages/axios/CHANGELOG.md',
      'packages/core/package.json',
    ]);
    expect(uncommittedReleaseFiles(entries, ['packages/fetch'])).toEqual([]);
    expect(uncommittedReleaseFiles(entries, ['.'])).toEqual(['package.json']);
  });
});

describe('release problems', () => {
  const versioned = [
    { name: '@bce-errors/core', version: '0.1.0', path: '/r/packages/core' },
    { name: '@bce-errors/axios', version: '0.1.0', path: '/r/packages/axios' },
  ];

  it('none when the changesets are versioned and the versions committed', () => {
    expect(releaseProblems({ pending: [], packages: versioned, uncommitted: [] })).toEqual([]);
  });

  it('refuses uncommitted version bumps (the tags would point at a commit without them)', () => {
    const problems = releaseProblems({
      pending: [],
      packages: versioned,
      uncommitted: ['packages/core/CHANGELOG.md', 'packages/core/package.json'],
    });
    expect(problems.map((problem) => problem.kind)).toEqual(['uncommitted']);
    expect(problems[0]?.message).toContain('packages/core/CHANGELOG.md, packages/core/package.json');
  });

  it('refuses packages at 0.0.0 with pending changesets, naming both', () => {
    const problems = releaseProblems({
      pending: ['smaller-core.md'],
      packages: [{ name: '@bce-errors/core', version: '0.0.0', path: '/r/packages/core' }],
      uncommitted: [],
    });
    expect(problems.map((problem) => problem.kind)).toEqual(['pending-changesets', 'unversioned']);
    expect(problems[0]?.message).toContain('.changeset/smaller-core.md');
    expect(problems[1]?.message).toContain('@bce-errors/core@0.0.0');
    expect(problems[1]?.message).toContain('pnpm version-packages');
  });

  it('refuses 0.0.0 without changesets, and pending changesets of already versioned packages', () => {
    expect(
      releaseProblems({
        pending: [],
        packages: [{ name: 'bce-errors', version: '0.0.0', path: '/r/packages/cli' }],
        uncommitted: [],
      }).map((problem) => problem.kind),
    ).toEqual(['unversioned']);
    expect(
      releaseProblems({ pending: ['x.md'], packages: versioned, uncommitted: [] }).map((problem) => problem.kind),
    ).toEqual(['pending-changesets']);
  });

  it('refuses when git cannot tell, and reports every problem at once', () => {
    expect(
      releaseProblems({
        pending: ['x.md'],
        packages: [{ name: '@bce-errors/core', version: '0.0.0', path: '/r/packages/core' }],
        uncommitted: undefined,
      }).map((problem) => problem.kind),
    ).toEqual(['pending-changesets', 'unversioned', 'no-git']);
  });
});
