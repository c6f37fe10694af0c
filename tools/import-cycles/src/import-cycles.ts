import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One runtime import of a module: the specifier as written and the line it is on (1-based). */
export interface RuntimeImport {
  readonly specifier: string;
  readonly line: number;
}

/** One edge of a cycle: `from` imports `to` on `line`, with `specifier`. */
export interface CycleStep {
  readonly from: string;
  readonly to: string;
  readonly specifier: string;
  readonly line: number;
}

/** A runtime import cycle: each step's `to` is the next step's `from`, and the last `to` is the first `from`. */
export type ImportCycle = readonly CycleStep[];

/** What {@link findImportCycles} found. File paths are relative to the root, with `/` separators. */
export interface ImportCyclesResult {
  /** The workspace packages whose `src` was scanned (relative directories). */
  readonly packages: readonly string[];
  /** Every module of the graph: the `src` files and whatever they import relatively. */
  readonly files: number;
  /** One cycle per strongly connected group of modules, in path order; empty when the graph is acyclic. */
  readonly cycles: readonly ImportCycle[];
}

const SOURCE_EXTENSION = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/**
 * Whether an import or re-export counts as type-only: `import type`, `export type`, and a statement whose every
 * named binding is `type`-marked (`import { type A, type B }`, no default, no namespace). Beware: with
 * `verbatimModuleSyntax` (this repository's setting) tsc and esbuild emit the last kind as `import {} from './a.js'`,
 * which still loads the module; ESLint's `@typescript-eslint/no-import-type-side-effects` forbids writing it.
 */
function isTypeOnly(statement: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (clause === undefined) return false; // `import './x.js'` runs the module.
    if (clause.phaseModifier === ts.SyntaxKind.TypeKeyword) return true;
    if (clause.name !== undefined) return false;
    const bindings = clause.namedBindings;
    return (
      bindings !== undefined &&
      ts.isNamedImports(bindings) &&
      bindings.elements.length > 0 &&
      bindings.elements.every((element) => element.isTypeOnly)
    );
  }
  if (statement.isTypeOnly) return true;
  const clause = statement.exportClause;
  return (
    clause !== undefined &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((element) => element.isTypeOnly)
  );
}

/**
 * The static imports and re-exports of a module that load another module when it is evaluated, in source order.
 * Type-only statements are left out, and so are dynamic `import()` calls: they load later, not while the
 * importer is being evaluated, so they cannot take part in an evaluation-order cycle.
 * @example runtimeImports('a.ts', "import type { A } from './a.js';\nimport { b } from './b.js';"); // [{ specifier: './b.js', line: 2 }]
 */
export function runtimeImports(fileName: string, text: string): RuntimeImport[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: RuntimeImport[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier;
    if (specifier === undefined || !ts.isStringLiteral(specifier) || isTypeOnly(statement)) continue;
    const line = source.getLineAndCharacterOfPosition(statement.getStart(source)).line + 1;
    found.push({ specifier: specifier.text, line });
  }
  return found;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** The candidates a relative specifier may name, in the order TypeScript's NodeNext resolution tries them. */
function candidatesOf(target: string): string[] {
  const swapped: Record<string, readonly string[]> = {
    '.js': ['.ts', '.tsx', '.js', '.jsx'],
    '.mjs': ['.mts', '.mjs'],
    '.cjs': ['.cts', '.cjs'],
    '.jsx': ['.tsx', '.jsx'],
  };
  const extension = /\.[cm]?jsx?$/.exec(target)?.[0];
  if (extension !== undefined) {
    const stem = target.slice(0, -extension.length);
    return (swapped[extension] ?? []).map((replacement) => stem + replacement);
  }
  const plain = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
  return [
    target,
    ...plain.map((extension) => target + extension),
    ...plain.map((extension) => join(target, `index${extension}`)),
  ];
}

/**
 * The source file a relative specifier names, or `undefined` for a bare specifier (a package), a file that is
 * not a module with imports (`.json`, `.d.ts`), or a path that does not exist (the type checker reports those).
 * `./x.js` finds `./x.ts`, and `./dir` finds `./dir/index.ts`.
 */
export function resolveRelativeImport(importer: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') {
    return undefined;
  }
  const target = resolve(dirname(importer), specifier);
  const found = candidatesOf(target).find(isFile);
  return found !== undefined && SOURCE_EXTENSION.test(found) && !DECLARATION_FILE.test(found) ? found : undefined;
}

/**
 * The workspace package globs of `pnpm-workspace.yaml` at the root (its `packages:` list; `*` matches one
 * directory level), or `packages/*` and `tools/*` when the root has none.
 */
export function workspaceGlobs(root: string): string[] {
  const file = join(root, 'pnpm-workspace.yaml');
  if (!existsSync(file)) return ['packages/*', 'tools/*'];
  const globs: string[] = [];
  let inPackages = false;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (/^\S/.test(line)) inPackages = /^packages:\s*$/.test(line);
    const item = inPackages ? /^\s+-\s+['"]?([^'"#\s]+)['"]?/.exec(line) : null;
    if (item?.[1] !== undefined) globs.push(item[1]);
  }
  return globs;
}

/** The directories (relative to the root) that the globs match and that have a `package.json`. */
function packageDirs(root: string, globs: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const glob of globs) {
    let matches = [''];
    for (const part of glob.split('/').filter((segment) => segment !== '' && segment !== '.')) {
      matches = matches.flatMap((base) => {
        if (part !== '*') return [join(base, part)];
        const at = join(root, base);
        if (!existsSync(at)) return [];
        return readdirSync(at, { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.'))
          .map((entry) => join(base, entry.name));
      });
    }
    for (const match of matches) if (isFile(join(root, match, 'package.json'))) dirs.add(match);
  }
  return [...dirs].sort();
}

/** Every module under `dir` (recursively), without `node_modules`, `dist` and declaration files. */
function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return SOURCE_EXTENSION.test(entry.name) && !DECLARATION_FILE.test(entry.name) ? [path] : [];
  });
}

interface Edge {
  readonly to: string;
  readonly specifier: string;
  readonly line: number;
}

/** The shortest path of edges from `start` back to itself that stays inside `group`. */
function shortestCycle(
  start: string,
  group: ReadonlySet<string>,
  graph: ReadonlyMap<string, readonly Edge[]>,
): CycleStep[] {
  const cameFrom = new Map<string, CycleStep>();
  const queue = [start];
  for (const from of queue) {
    for (const edge of graph.get(from) ?? []) {
      if (!group.has(edge.to)) continue;
      const step = { from, to: edge.to, specifier: edge.specifier, line: edge.line };
      if (edge.to === start) {
        const path = [step];
        for (let back = cameFrom.get(from); back !== undefined; back = cameFrom.get(back.from)) path.unshift(back);
        return path;
      }
      if (cameFrom.has(edge.to)) continue;
      cameFrom.set(edge.to, step);
      queue.push(edge.to);
    }
  }
  return [];
}

/** Tarjan's bookkeeping for one module. */
interface Visit {
  readonly node: string;
  readonly edges: readonly Edge[];
  readonly index: number;
  low: number;
  onStack: boolean;
  nextEdge: number;
}

/** The strongly connected groups of the graph (Tarjan) that contain a cycle: two or more modules, or a self-import. */
function cyclicGroups(graph: ReadonlyMap<string, readonly Edge[]>): string[][] {
  const visits = new Map<string, Visit>();
  const stack: Visit[] = [];
  const groups: string[][] = [];
  const visit = (node: string): Visit => {
    const state = {
      node,
      edges: graph.get(node) ?? [],
      index: visits.size,
      low: visits.size,
      onStack: true,
      nextEdge: 0,
    };
    visits.set(node, state);
    stack.push(state);
    return state;
  };
  // Iterative, so a long import chain cannot overflow the call stack.
  for (const root of [...graph.keys()].sort()) {
    if (visits.has(root)) continue;
    const path = [visit(root)];
    for (let current = path.at(-1); current !== undefined; current = path.at(-1)) {
      const edge = current.edges[current.nextEdge];
      if (edge !== undefined) {
        current.nextEdge += 1;
        const seen = visits.get(edge.to);
        if (seen === undefined) path.push(visit(edge.to));
        else if (seen.onStack) current.low = Math.min(current.low, seen.index);
        continue;
      }
      path.pop();
      const parent = path.at(-1);
      if (parent !== undefined) parent.low = Math.min(parent.low, current.low);
      if (current.low !== current.index) continue;
      const group: string[] = [];
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        member.onStack = false;
        group.push(member.node);
        if (member === current) break;
      }
      const selfImport = current.edges.some((out) => out.to === current.node);
      if (group.length > 1 || selfImport) groups.push(group.sort());
    }
  }
  return groups.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
}

/** Options of {@link findImportCycles}. */
export interface FindImportCyclesOptions {
  /** The workspace root. */
  readonly root: string;
  /** Package globs relative to the root; by default those of its `pnpm-workspace.yaml` ({@link workspaceGlobs}). */
  readonly globs?: readonly string[] | undefined;
}

/**
 * Scans the `src` folder of every workspace package, follows each relative runtime import (and the files it
 * reaches outside `src`), and returns one shortest cycle for each group of modules that import each other.
 * Imports of packages by name are not followed.
 */
export function findImportCycles(options: FindImportCyclesOptions): ImportCyclesResult {
  const root = resolve(options.root);
  const packages = packageDirs(root, options.globs ?? workspaceGlobs(root));
  const graph = new Map<string, Edge[]>();
  const pending = packages.flatMap((dir) => sourceFiles(join(root, dir, 'src')));
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (graph.has(file)) continue;
    const edges: Edge[] = [];
    for (const { specifier, line } of runtimeImports(file, readFileSync(file, 'utf8'))) {
      const to = resolveRelativeImport(file, specifier);
      if (to === undefined) continue;
      edges.push({ to, specifier, line });
      if (!graph.has(to) && !to.split(sep).includes('node_modules')) pending.push(to);
    }
    graph.set(file, edges);
  }
  const name = (path: string): string => relative(root, path).split(sep).join('/');
  const cycles = cyclicGroups(graph).map((group) =>
    shortestCycle(String(group[0]), new Set(group), graph).map((step) => ({
      ...step,
      from: name(step.from),
      to: name(step.to),
    })),
  );
  return { packages: packages.map((dir) => dir.split(sep).join('/')), files: graph.size, cycles };
}

/** A readable report of a result: one line when there is no cycle, else each cycle as its chain of imports. */
export function formatResult(result: ImportCyclesResult): string {
  const scanned = `${result.files} modules of ${result.packages.length} workspace packages`;
  if (result.cycles.length === 0) return `import-cycles: no runtime import cycle in ${scanned}.\n`;
  const count = result.cycles.length === 1 ? '1 runtime import cycle' : `${result.cycles.length} runtime import cycles`;
  const lines = [`import-cycles: ${count} in ${scanned}:`];
  for (const cycle of result.cycles) {
    lines.push('');
    for (const step of cycle) lines.push(`  ${step.from}:${step.line} imports '${step.specifier}'`);
    lines.push(`  (back to ${cycle[0]?.from ?? '?'})`);
  }
  lines.push(
    '',
    'A module of a cycle can run before the module it imports has finished evaluating. Break the cycle by moving',
    "the shared part into a module both import, or make the import type-only ('import type') if only types are used.",
  );
  return `${lines.join('\n')}\n`;
}
