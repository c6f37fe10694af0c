import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_EXIT, runCli } from '../../src/cli/run-cli.js';

const CORE_DIR = fileURLToPath(new URL('../../', import.meta.url));
const CLI_SOURCE = fileURLToPath(new URL('../../src/cli/bce-errors-cli.ts', import.meta.url));

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

  it('fails on a typo and suggests the code', () => {
    const { status, stdout, stderr } = spawnCli('explain', 'AccesDenied');
    expect(status).toBe(CLI_EXIT.unknownCode);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown error code "AccesDenied"');
    expect(stderr).toContain('Did you mean AccessDenied?');
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

  it('prints help', () => {
    const { code, stdout } = run('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('bce-errors explain <code>');
    expect(run('help').stdout).toBe(stdout);
  });

  it.each([
    [[]],
    [['explain']],
    [['explain', 'a', 'b']],
    [['explain', 'AccessDenied', '--status', '403']],
    [['list', 'extra']],
    [['list', '--status', 'abc']],
    [['list', '--service', 'nope']],
    [['list', '--frobnicate']],
    [['list', '--status']],
    [['frobnicate']],
  ])('rejects wrong usage %j with exit 2', (argv) => {
    const { code, stdout, stderr } = run(...argv);
    expect(code).toBe(CLI_EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^bce-errors: .+\n\nUsage:/);
  });
});
