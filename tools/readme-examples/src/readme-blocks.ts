import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The fence languages whose blocks are checked. */
const CHECKED_LANGUAGES = ['ts', 'typescript', 'js', 'javascript'] as const;
type CheckedLanguage = (typeof CHECKED_LANGUAGES)[number];

/**
 * What the test does with a block, from the `<!-- readme-test: ... -->` comment on the line before its fence:
 * - `run` (no comment): type-checked, then run;
 * - `typecheck-only`: type-checked, not run (it needs a real account, or rethrows on purpose);
 * - `skip (reason)`: neither (a signature or a fragment that names the reader's own variables).
 */
export type BlockMode = 'run' | 'typecheck-only' | 'skip';

/** One fenced TypeScript or JavaScript block of a README. */
export interface ReadmeBlock {
  /** The README's path relative to the repository root, with `/`. */
  readme: string;
  /** 1-based line of the opening fence in the README. */
  line: number;
  language: CheckedLanguage;
  /** The block's text, without the fences and without the fence's indentation. */
  code: string;
  mode: BlockMode;
  /** Why a block is skipped (required for `skip`). */
  reason?: string;
}

const MARKER = /^<!--\s*readme-test:\s*(.*?)\s*-->$/;
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;

function isCheckedLanguage(language: string): language is CheckedLanguage {
  return (CHECKED_LANGUAGES as readonly string[]).includes(language);
}

/** Reads a `readme-test:` marker; an unknown one throws, so a typo cannot silently turn a check off. */
function parseMarker(text: string, where: string): { mode: BlockMode; reason?: string } {
  if (text === 'typecheck-only') return { mode: 'typecheck-only' };
  const skip = /^skip\s*\((.+)\)$/.exec(text);
  if (skip?.[1] !== undefined && skip[1].trim() !== '') return { mode: 'skip', reason: skip[1].trim() };
  throw new Error(`${where}: unknown marker "readme-test: ${text}" (use "typecheck-only" or "skip (the reason)")`);
}

/**
 * The fenced ```ts / ```typescript / ```js / ```javascript blocks of one Markdown text, with the mode their
 * marker comment gives them. A marker must be the last non-blank line before the fence, and one that is not
 * followed by a checked block throws.
 */
export function extractBlocks(markdown: string, readme: string): ReadmeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: ReadmeBlock[] = [];
  let pendingMarker: { mode: BlockMode; reason?: string; line: number } | undefined;
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index] ?? '';
    const trimmed = text.trim();
    const marker = MARKER.exec(trimmed);
    if (marker) {
      pendingMarker = { ...parseMarker(marker[1] ?? '', `${readme}:${String(index + 1)}`), line: index + 1 };
      continue;
    }
    const fence = FENCE.exec(text);
    if (!fence) {
      if (trimmed !== '' && pendingMarker) {
        throw new Error(`${readme}:${String(pendingMarker.line)}: a readme-test marker must come right before a fence`);
      }
      continue;
    }
    const indent = fence[1]?.length ?? 0;
    const fenceChars = fence[2] ?? '```';
    const closing = new RegExp(`^\\s*\\${fenceChars[0] ?? '`'}{${String(fenceChars.length)},}\\s*$`);
    const language = (fence[3] ?? '').toLowerCase();
    const body: string[] = [];
    let end = index + 1;
    for (; end < lines.length; end++) {
      if (closing.test(lines[end] ?? '')) break;
      const content = lines[end] ?? '';
      body.push(content.slice(Math.min(indent, content.length - content.trimStart().length)));
    }
    if (isCheckedLanguage(language)) {
      blocks.push({
        readme,
        line: index + 1,
        language,
        code: body.join('\n'),
        mode: pendingMarker?.mode ?? 'run',
        ...(pendingMarker?.reason === undefined ? {} : { reason: pendingMarker.reason }),
      });
    } else if (pendingMarker) {
      throw new Error(
        `${readme}:${String(pendingMarker.line)}: a readme-test marker before a \`${language}\` block (only ` +
          `${CHECKED_LANGUAGES.join(', ')} blocks are checked)`,
      );
    }
    pendingMarker = undefined;
    index = end;
  }
  if (pendingMarker) throw new Error(`${readme}:${String(pendingMarker.line)}: a readme-test marker with no block`);
  return blocks;
}

/**
 * Every README the test reads: the root one, then `packages/<name>/README.md` (the published packages) and
 * `tools/<name>/README.md`, in name order. `node_modules` and nested folders are not searched.
 */
function findReadmes(root: string): string[] {
  const readmes = [join(root, 'README.md')];
  for (const folder of ['packages', 'tools']) {
    const parent = join(root, folder);
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const readme = join(parent, entry.name, 'README.md');
      if (entry.isDirectory() && existsSync(readme)) readmes.push(readme);
    }
  }
  return readmes.filter((readme) => existsSync(readme));
}

/** The blocks of every README under `root` (see {@link findReadmes}). */
export function extractAllBlocks(root: string): ReadmeBlock[] {
  return findReadmes(root).flatMap((readme) =>
    extractBlocks(readFileSync(readme, 'utf8'), relative(root, readme).split('\\').join('/')),
  );
}

/** Matches the origin of every Baidu AI Cloud endpoint an example names, e.g. `https://cfs.bj.baidubce.com`. */
const BCE_ORIGIN = /https?:\/\/(?:[a-z0-9-]+\.)+baidubce\.com(?::\d+)?/gi;

/** Whether a block names a BCE endpoint, so that it makes a request the test can point at the mock server. */
export function namesBceEndpoint(code: string): boolean {
  return new RegExp(BCE_ORIGIN.source, 'i').test(code);
}

/**
 * The block with every `https://<host>.baidubce.com` origin replaced by `origin` (the mock server's, or a closed
 * port's). Paths, query strings and the rest of the code are kept, so the block runs as a reader would run it,
 * against a server on 127.0.0.1 instead of Baidu's.
 */
export function rewriteBceOrigins(code: string, origin: string): string {
  return code.replace(BCE_ORIGIN, origin);
}
