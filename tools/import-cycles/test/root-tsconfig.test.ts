// `pnpm test` type-checks the whole workspace as one program through the root tsconfig.json (one `tsc` instead of
// one per package). That is only the same check if the root program holds exactly the files the packages' own
// tsconfig.json files hold: a package that adds a folder to its include list, or a new package, fails here until the
// root list covers it too.
import { readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { workspaceGlobs } from '../src/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The files a tsconfig.json includes (its root files: include, files and exclude applied; imports not followed). */
function includedFiles(config: string): { files: string[]; options: ts.CompilerOptions } {
  const parsed = ts.getParsedCommandLineOfConfigFile(config, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (parsed === undefined) throw new Error(`${config} could not be read`);
  return { files: parsed.fileNames.map((file) => relative(ROOT, file)), options: parsed.options };
}

/** Every workspace package folder that has a tsconfig.json, relative to the root. */
function packageTsconfigs(): string[] {
  return workspaceGlobs(ROOT).flatMap((glob) => {
    const parent = join(ROOT, glob.replace(/\/\*$/, ''));
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(parent, entry.name, 'tsconfig.json')))
      .map((entry) => join(parent, entry.name, 'tsconfig.json'));
  });
}

/** The options but those that differ by design: JavaScript handling, and the paths of the config itself. */
function sharedOptions(options: ts.CompilerOptions): ts.CompilerOptions {
  const { allowJs: _allowJs, checkJs: _checkJs, configFilePath: _configFilePath, ...shared } = options;
  return shared;
}

describe('the root tsconfig.json that `pnpm test` type-checks', () => {
  const root = includedFiles(join(ROOT, 'tsconfig.json'));
  const configs = packageTsconfigs();

  it('holds exactly the files of every package tsconfig.json, and the top-level TypeScript files', () => {
    expect(configs.length).toBeGreaterThanOrEqual(20);
    const fromPackages = new Set(configs.flatMap((config) => includedFiles(config).files));
    const topLevel = root.files.filter((file) => !file.includes('/'));
    expect(topLevel).toContain('vitest.shared.ts');
    expect([...root.files].sort()).toStrictEqual([...fromPackages, ...topLevel].sort());
  });

  it('checks with the options the packages use (checkJs only matters where a package includes JavaScript)', () => {
    for (const config of configs) {
      const { files, options } = includedFiles(config);
      const javaScript = files.filter((file) => /\.[cm]?js$/.test(file));
      if (javaScript.length > 0) expect({ config, checkJs: options.checkJs }).toStrictEqual({ config, checkJs: true });
      // Every other compiler option comes from tsconfig.base.json, as the root's does.
      expect({ config, ...sharedOptions(options) }).toStrictEqual({ config, ...sharedOptions(root.options) });
    }
  });
});
