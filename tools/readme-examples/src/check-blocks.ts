import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { ReadmeBlock } from './readme-blocks.js';

/**
 * Where the blocks are written: inside this package, so that `@bce-errors/*`, axios and got resolve from its
 * `node_modules` as they would in a reader's project, and under `node_modules/.cache`, so that git, prettier,
 * eslint and knip never see the files (a run that is killed leaves nothing they would report).
 */
export function blockDirectory(packageDir: string): string {
  return join(packageDir, 'node_modules', '.cache', 'readme-examples');
}

/** A file name for a block: its README and line, e.g. `packages-axios-README-md-L13`. */
function blockName(block: ReadmeBlock): string {
  return `${block.readme.replace(/[^a-z0-9]+/gi, '-')}-L${String(block.line)}`;
}

/** `.mts` / `.mjs`: an ES module whatever package scope the folder has, so top-level `await` works as in the README. */
function extension(block: ReadmeBlock): string {
  return block.language === 'ts' || block.language === 'typescript' ? '.mts' : '.mjs';
}

/**
 * Writes `code` (the block, or its rewritten copy) to the block folder, with a trailing `export {}` so that a block
 * without an import is still a module (its names do not clash with another block's). The block's lines keep their
 * numbers, so a diagnostic's line plus the fence's line is the README line.
 */
export function writeBlockFile(directory: string, block: ReadmeBlock, code: string, suffix = ''): string {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${blockName(block)}${suffix}${extension(block)}`);
  writeFileSync(file, `${code}\nexport {};\n`);
  return file;
}

export function removeBlockDirectory(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
}

/**
 * Type-checks the files of the blocks in one program with the repository's `tsconfig.base.json` (strict,
 * NodeNext, the `@bce-errors/source` condition, so `@bce-errors/*` are their TypeScript sources), plus `checkJs`
 * for JavaScript blocks. Only the blocks' own diagnostics are returned: the packages' sources have their own check.
 */
export function typecheckBlocks(repoRoot: string, files: ReadonlyMap<string, ReadmeBlock>): string[] {
  const configPath = join(repoRoot, 'tsconfig.base.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(
    { ...config.config, files: [] },
    ts.sys,
    repoRoot,
    undefined,
    configPath,
  );
  const program = ts.createProgram({
    rootNames: [...files.keys()],
    options: { ...parsed.options, noEmit: true, allowJs: true, checkJs: true },
  });
  const diagnostics = program
    .getOptionsDiagnostics()
    .map((diagnostic) => `tsconfig: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
  for (const [file, block] of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`the type check did not load ${file}`);
    for (const diagnostic of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
      const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      diagnostics.push(
        `${block.readme}:${String(block.line + 1 + line)}:${String(character + 1)}: TS${String(diagnostic.code)} ${message}`,
      );
    }
  }
  return diagnostics;
}

/** How a block's child process ended. */
export interface BlockRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

/**
 * Runs a block file as an ES module in a child process, as a reader would (`node --import tsx`), with the
 * `@bce-errors/source` condition so the workspace packages run from source, and kills it after `timeoutMs`.
 */
export function runBlockFile(packageDir: string, file: string, timeoutMs: number): Promise<BlockRun> {
  return new Promise<BlockRun>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@bce-errors/source', file], {
      cwd: packageDir,
      env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, timedOut, stdout, stderr });
    });
  });
}
