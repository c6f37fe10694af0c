import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

/** The export names of one entry point, values and types apart, each sorted. */
export interface EntryExports {
  values: string[];
  types: string[];
}

/** One published package: its name and, per subpath of its `exports`, what that entry exports. */
export interface PackageSurface {
  name: string;
  entries: Record<string, EntryExports>;
}

const SOURCE_CONDITION = '@bce-errors/source';

/**
 * The source file of each subpath of a package's `exports`, found through the workspace source condition. A
 * subpath whose source condition is itself conditional (axios: a `browser` build without the Node body guard) is
 * read for each condition: `default` under the subpath's own name, the others as `<subpath> (<condition>)`.
 */
function sourceEntries(packageDirectory: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  const entries: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    if (typeof target !== 'object' || target === null) continue;
    const source = (target as Record<string, unknown>)[SOURCE_CONDITION];
    if (typeof source === 'string') {
      entries[subpath] = join(packageDirectory, source);
      continue;
    }
    const conditions = typeof source === 'object' && source !== null ? Object.entries(source) : [];
    if (conditions.length === 0 || conditions.some(([, file]) => typeof file !== 'string'))
      throw new Error(`${packageDirectory}: exports["${subpath}"] has no "${SOURCE_CONDITION}" file`);
    for (const [condition, file] of conditions) {
      entries[condition === 'default' ? subpath : `${subpath} (${condition})`] = join(packageDirectory, String(file));
    }
    if (entries[subpath] === undefined)
      throw new Error(`${packageDirectory}: exports["${subpath}"]["${SOURCE_CONDITION}"] has no "default"`);
  }
  return entries;
}

/**
 * Reads what each entry point of a package exports, as the TypeScript checker sees its source: a name is a value
 * when it exists at run time (a function, class, constant), else a type.
 */
export function readPackageSurface(packageDirectory: string): PackageSurface {
  const manifest = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')) as { name: string };
  const entryFiles = sourceEntries(packageDirectory);
  const tsconfigPath = join(packageDirectory, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    tsconfigPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (config === undefined) throw new Error(`cannot read ${tsconfigPath}`);
  const program = ts.createProgram({ rootNames: Object.values(entryFiles), options: config.options });
  const checker = program.getTypeChecker();
  const entries: Record<string, EntryExports> = {};
  for (const [subpath, file] of Object.entries(entryFiles)) {
    const sourceFile = program.getSourceFile(file);
    const moduleSymbol = sourceFile === undefined ? undefined : checker.getSymbolAtLocation(sourceFile);
    if (moduleSymbol === undefined) throw new Error(`${file}: not a module`);
    const values: string[] = [];
    const types: string[] = [];
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const isTypeOnlyExport =
        exported.declarations?.some((declaration) => ts.isTypeOnlyExportDeclaration(declaration)) ?? false;
      (target.flags & ts.SymbolFlags.Value && !isTypeOnlyExport ? values : types).push(exported.name);
    }
    entries[subpath] = { values: values.sort(), types: types.sort() };
  }
  return { name: manifest.name, entries };
}

/** The directory of the repository, from this file. */
export const REPOSITORY_ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..', '..');

/** The published packages whose surface is locked. */
export const PUBLISHED_PACKAGES = ['core', 'axios', 'got', 'fetch'] as const;

/** Where a package's snapshot lives. */
export function snapshotPath(packageFolder: string): string {
  return join(REPOSITORY_ROOT, 'tools', 'api-surface', 'api', `${packageFolder}.json`);
}
