import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findImportCycles, main, resolveRelativeImport, runtimeImports, workspaceGlobs } from '../src/index.js';

const fixture = (name: string): string => fileURLToPath(new URL(`fixtures/${name}/`, import.meta.url));

/** Runs the check as the `check` script does, and keeps what it writes. */
function check(argv: readonly string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe('runtimeImports', () => {
  it('keeps imports, side-effect imports and re-exports; drops type-only statements and dynamic imports', () => {
    const text = [
      "import type { A } from './a.js';",
      "import { type B, type C } from './b.js';",
      "import { type D, d } from './d.js';",
      "import e from './e.js';",
      "import * as f from './f.js';",
      "import './g.js';",
      "export type { H } from './h.js';",
      "export { type I } from './i.js';",
      "export { j } from './j.js';",
      "export * from './k.js';",
      "export * as l from './l.js';",
      "const m = () => import('./m.js');",
      "// import { n } from './n.js';",
    ].join('\n');
    expect(runtimeImports('x.ts', text)).toEqual([
      { specifier: './d.js', line: 3 },
      { specifier: './e.js', line: 4 },
      { specifier: './f.js', line: 5 },
      { specifier: './g.js', line: 6 },
      { specifier: './j.js', line: 9 },
      { specifier: './k.js', line: 10 },
      { specifier: './l.js', line: 11 },
    ]);
  });
});

describe('resolveRelativeImport', () => {
  const importer = `${fixture('acyclic')}packages/lib/src/index.ts`;
  const src = `${fixture('acyclic')}packages/lib/src/`;

  it('finds the TypeScript source of a .js specifier and the index of a folder', () => {
    expect(resolveRelativeImport(importer, './parse.js')).toBe(`${src}parse.ts`);
    expect(resolveRelativeImport(importer, './format')).toBe(`${src}format/index.ts`);
    expect(resolveRelativeImport(importer, './format/index.js')).toBe(`${src}format/index.ts`);
  });

  it('leaves packages, JSON and missing files alone', () => {
    expect(resolveRelativeImport(importer, 'node:fs')).toBeUndefined();
    expect(resolveRelativeImport(importer, '@bce-errors/core')).toBeUndefined();
    expect(resolveRelativeImport(importer, './data.json')).toBeUndefined();
    expect(resolveRelativeImport(importer, './missing.js')).toBeUndefined();
  });
});

describe('workspaceGlobs', () => {
  it("reads the repository's pnpm-workspace.yaml, and defaults without one", () => {
    expect(workspaceGlobs(fileURLToPath(new URL('../../../', import.meta.url)))).toEqual(['packages/*', 'tools/*']);
    expect(workspaceGlobs(fixture('acyclic'))).toEqual(['packages/*', 'tools/*']);
  });
});

describe('the check', () => {
  it('passes on an acyclic workspace whose only edges back are type-only or dynamic', () => {
    const result = findImportCycles({ root: fixture('acyclic') });
    expect(result.packages).toEqual(['packages/lib', 'tools/app']);
    expect(result.files).toBe(6);
    expect(result.cycles).toEqual([]);
    const { code, out, err } = check(['--root', fixture('acyclic')]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toBe('import-cycles: no runtime import cycle in 6 modules of 2 workspace packages.\n');
  });

  it('fails on a planted cycle and prints its path, import by import', () => {
    const result = findImportCycles({ root: fixture('cycle') });
    expect(result.cycles).toEqual([
      [
        { from: 'packages/lib/src/a.ts', to: 'packages/lib/src/b.ts', specifier: './b.js', line: 2 },
        { from: 'packages/lib/src/b.ts', to: 'packages/lib/src/c/index.ts', specifier: './c', line: 1 },
        { from: 'packages/lib/src/c/index.ts', to: 'packages/lib/src/a.ts', specifier: '../a.js', line: 2 },
      ],
      [{ from: 'tools/app/src/helper.ts', to: 'tools/app/src/helper.ts', specifier: './helper.js', line: 2 }],
    ]);
    const { code, out, err } = check(['--root', fixture('cycle')]);
    expect({ code, out }).toEqual({ code: 1, out: '' });
    expect(err).toContain('2 runtime import cycles in 6 modules of 2 workspace packages:');
    expect(err).toContain(
      [
        "  packages/lib/src/a.ts:2 imports './b.js'",
        "  packages/lib/src/b.ts:1 imports './c'",
        "  packages/lib/src/c/index.ts:2 imports '../a.js'",
        '  (back to packages/lib/src/a.ts)',
      ].join('\n'),
    );
  });

  it('scans only the packages that --packages names', () => {
    expect(check(['--root', fixture('cycle'), '--packages', 'tools/*']).err).toContain(
      '1 runtime import cycle in 2 modules',
    );
    expect(check(['--root', fixture('cycle'), '--packages', 'nothing/*']).code).toBe(0);
  });

  it('rejects an unknown option with exit code 2', () => {
    const { code, err } = check(['--frobnicate']);
    expect(code).toBe(2);
    expect(err).toContain('usage: import-cycles');
  });
});
