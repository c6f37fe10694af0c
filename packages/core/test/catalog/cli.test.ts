import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogEntries } from '../../src/catalog/lookup.js';
import { FORMAT_EXAMPLE_CODES } from '../../src/cli/format-example-codes.js';
import { CLI_EXIT, runCli } from '../../src/cli/run-cli.js';

const CORE_DIR = fileURLToPath(new URL('../../', import.meta.url));
const CLI_SOURCE = fileURLToPath(new URL('../../src/cli/bce-errors-cli.ts', import.meta.url));
const CATALOG_TOOL = new URL('../../../../tools/catalog/', import.meta.url);
const USAGE_HINT = "Run 'bce-errors --help' for usage.";

function run(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** Runs the real bin (the TypeScript source through tsx) in a child process. */
function spawnCli(...argv: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', CLI_SOURCE, ...argv], {
    cwd: CORE_DIR,
    encoding: 'utf8',
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('bce-errors (in a child process)', () => {
  it('explains three real codes', () => {
    const accessDenied = spawnCli('explain', 'AccessDenied');
    expect(accessDenied.status).toBe(0);
    expect(accessDenied.stdout).toContain('AccessDenied');
    expect(accessDenied.stdout).toMatch(/status: +403 Forbidden/);
    expect(accessDenied.stdout).toMatch(/message: +Access denied\./);
    expect(accessDenied.stdout).toMatch(/description: +You do not have permission to access this resource\./);

    const instance = spawnCli('explain', 'InstanceNotFound', '--service', 'cfs');
    expect(instance.status).toBe(0);
    expect(instance.stdout).toMatch(/service: +cfs/);
    expect(instance.stdout).toContain('The specified CFS instance does not exist.');
    expect(instance.stdout).not.toMatch(/service: +eip/);

    const throttled = spawnCli('explain', 'IAM.0012', '--json');
    expect(throttled.status).toBe(0);
    expect(JSON.parse(throttled.stdout)).toEqual([
      expect.objectContaining({
        service: 'iam',
        code: 'IAM.0012',
        status: 429,
        remedy: 'Check the request or contact technical support.',
      }),
    ]);
  });

  it('lists the codes of a status', () => {
    const { status, stdout } = spawnCli('list', '--status', '403');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^SERVICE +CODE +STATUS +MESSAGE/);
    expect(stdout).toMatch(/bce +AccessDenied +403 +Access denied\./);
    expect(stdout).toMatch(/iam +IAM\.0002 +403 /);
    expect(stdout).not.toMatch(/ 404 /);
  });

  it('fails on a typo and suggests the code and names the catalogs', () => {
    const { status, stdout, stderr } = spawnCli('explain', 'AccesDenied');
    expect(status).toBe(CLI_EXIT.unknownCode);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'bce-errors: unknown error code "AccesDenied". Did you mean AccessDenied?\n' +
        'The catalog has the codes of: bce (global codes), cfs, eip, eipgroup, bandwidth-package, iam. ' +
        'Run "bce-errors list" to see every code.\n',
    );
  });

  it('prints the version of @bce-errors/core', () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-v']) {
      expect(spawnCli(flag)).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('rejects an unknown option in one line, without the raw parseArgs message', () => {
    expect(spawnCli('--foo')).toEqual({
      status: CLI_EXIT.usage,
      stdout: '',
      stderr: `bce-errors: unknown option '--foo'. ${USAGE_HINT}\n`,
    });
  });

  it('says that NoSuchKey is the example code of the error format, not a catalogued one', () => {
    const { status, stdout, stderr } = spawnCli('explain', 'NoSuchKey');
    expect(status).toBe(CLI_EXIT.unknownCode);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^bce-errors: NoSuchKey is not a catalogued error code\.\n/);
    expect(stderr).toContain("It is the code of the error format's example body on the CFS and EIP error-code pages:");
    expect(stderr).toContain('"message": "The resource you requested does not exist"');
    expect(stderr).toContain('run "bce-errors list --status 404"');
    expect(stderr).toContain('The catalog has the codes of: bce (global codes), cfs, eip');
    expect(stderr).not.toContain('unknown error code');
  });
});

describe('runCli', () => {
  it('explains every service of a shared code without --service', () => {
    const { code, stdout } = run('explain', 'InstanceNotFound');
    expect(code).toBe(0);
    expect(stdout.match(/^InstanceNotFound$/gm)).toHaveLength(3);
    expect(stdout).toMatch(/service: +eipgroup/);
  });

  it('explains a global code under any --service, and shows remedy and placeholders', () => {
    expect(run('explain', 'AccessDenied', '--service', 'iam').stdout).toMatch(/service: +bce \(global code/);
    const iam = run('explain', 'IAM.1106').stdout;
    expect(iam).toMatch(/remedy: +Check whether the user or agency corresponding to the AK exists\./);
    expect(iam).toMatch(/placeholders: +%s \(value 1\), %s \(value 2\)/);
    expect(run('explain', 'MissingParameter').stdout).toContain('parameterName (by name: parameterName)');
  });

  it('lists with filters and as JSON', () => {
    const { stdout } = run('list', '--service', 'iam', '--status', '401', '--json');
    const entries = JSON.parse(stdout) as { code: string }[];
    expect(entries.map((e) => e.code)).toEqual([
      'IAM.0001',
      'IAM.0061',
      'IAM.0062',
      'IAM.0063',
      'IAM.0064',
      'IAM.0066',
      'IAM.0067',
    ]);
    expect(run('list').stdout).toMatch(/\n183 error codes\n$/);
    expect(run('list', '--status', '418')).toEqual({ code: 0, stdout: 'No error code matches.\n', stderr: '' });
  });

  it('says when a code is not in the given service', () => {
    const { code, stderr } = run('explain', 'EipNotFund', '--service', 'eip');
    expect(code).toBe(CLI_EXIT.unknownCode);
    expect(stderr).toContain('in eip (or the global bce codes). Did you mean EipNotFound?');
    expect(run('explain', 'zzzzzzzzzzzzzzzz').stderr).toContain('Run "bce-errors list" to see every code.');
  });

  it('points a near typo of an example code at it, and a code of another service at that service', () => {
    const typo = run('explain', 'NoSuchKee');
    expect(typo.code).toBe(CLI_EXIT.unknownCode);
    expect(typo.stderr).toContain('unknown error code "NoSuchKee".\nDid you mean NoSuchKey? That is not a catalogued');
    expect(run('explain', 'IllegalRequestUrk').stderr).toContain(
      'Did you mean IllegalRequestUri?\nOr IllegalRequestUrl?',
    );
    expect(run('explain', 'nosuchkey', '--service', 'eip').stderr).toContain(
      'nosuchkey is not a catalogued error code.',
    );
    expect(run('explain', 'MountTargetNotFound', '--service', 'eip').stderr).toContain(
      'MountTargetNotFound is a code of cfs: run "bce-errors explain MountTargetNotFound" without --service.',
    );
  });

  it('knows exactly the example codes of the format sections of the reference pages', () => {
    const { pages } = JSON.parse(readFileSync(new URL('pages.json', CATALOG_TOOL), 'utf8')) as {
      pages: { id: string; file: string }[];
    };
    expect(pages.map((page) => page.file).sort()).toEqual(readdirSync(new URL('sources/', CATALOG_TOOL)).sort());
    // The format examples are the only JSON bodies on the pages: `"code" : "NoSuchKey"`.
    const found = new Map<string, string[]>();
    for (const page of pages) {
      const text = readFileSync(new URL(`sources/${page.file}`, CATALOG_TOOL), 'utf8');
      for (const [, code = ''] of text.matchAll(/"code"\s*:\s*"([^"]+)"/g)) {
        found.set(code, [...(found.get(code) ?? []), page.id]);
      }
    }
    expect(Object.fromEntries(found)).toEqual(
      Object.fromEntries(FORMAT_EXAMPLE_CODES.map((example) => [example.code, example.pages])),
    );
    const catalogued = new Set<string>(catalogEntries().map((entry) => entry.code));
    expect(FORMAT_EXAMPLE_CODES.filter((example) => catalogued.has(example.code))).toEqual([]);
  });

  it('prints help', () => {
    const { code, stdout } = run('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('bce-errors explain <code>');
    expect(run('help').stdout).toBe(stdout);
    expect(stdout).toContain('-v, --version');
  });

  it('prints the usage when no command is given', () => {
    const { code, stdout, stderr } = run();
    expect(code).toBe(CLI_EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^bce-errors: no command given\.\n\nUsage:/);
  });

  it.each([
    [['explain']],
    [['explain', 'a', 'b']],
    [['explain', 'AccessDenied', '--status', '403']],
    [['list', 'extra']],
    [['list', '--status', 'abc']],
    [['list', '--service', 'nope']],
    [['list', '--frobnicate']],
    [['list', '--status']],
    [['frobnicate']],
  ])('rejects wrong usage %j with exit 2 and one line', (argv) => {
    const { code, stdout, stderr } = run(...argv);
    expect(code).toBe(CLI_EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^bce-errors: [^\n]+\. Run 'bce-errors --help' for usage\.\n$/);
  });

  it.each([
    [['list', '--frobnicate'], "unknown option '--frobnicate'"],
    [['-x', 'list'], "unknown option '-x'"],
    [['list', '--status'], "option '--status' needs a value"],
    [['list', '--service', '--json'], "option '--service' needs a value"],
    [['list', '--json=yes'], 'option \'--json\' takes no value (got "yes")'],
    [['frobnicate'], "unknown command 'frobnicate'"],
  ])('names the problem of %j', (argv, problem) => {
    expect(run(...argv).stderr).toBe(`bce-errors: ${problem}. ${USAGE_HINT}\n`);
  });
});
