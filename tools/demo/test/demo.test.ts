import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DEMO = fileURLToPath(new URL('../src/demo.ts', import.meta.url));

/** Runs the real demo against its embedded mock server, with the workspace sources (no build needed). */
function runDemo(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=@bce-errors/source', DEMO, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('the demo', () => {
  it('fits a 100-column terminal and explains the request-id column', () => {
    const { status, stdout } = runDemo();
    expect(status).toBe(0);
    const widest = Math.max(...stdout.split('\n').map((line) => line.length));
    expect(widest).toBeLessThanOrEqual(100);
    expect(stdout).toContain('Legend');
    for (const marker of ["''", '(sent)', '-:']) expect(stdout).toContain(marker);
  });

  it('--json prints the results as JSON, every request ending in a BceError', () => {
    const { status, stdout } = runDemo('--json');
    expect(status).toBe(0);
    const result = JSON.parse(stdout) as { requests: number; bceErrors: number; outcomes: unknown[] };
    expect(result.outcomes.length).toBeGreaterThan(0);
    expect(result.bceErrors).toBe(result.requests);
  });

  it('a bad flag prints the usage and exits 2', () => {
    const { status, stderr } = runDemo('--nope');
    expect(status).toBe(2);
    expect(stderr).toContain('usage: pnpm demo');
  });
});
