import { fileURLToPath } from 'node:url';
import { unusedPortUrl } from '@bce-errors/mock-server';
import { afterAll, describe, expect, it } from 'vitest';
import { blockDirectory, removeBlockDirectory, runBlockFile, writeBlockFile } from '../src/check-blocks.js';
import { extractBlocks, namesBceEndpoint, rewriteBceOrigins } from '../src/readme-blocks.js';

const PACKAGE_DIR = fileURLToPath(new URL('../', import.meta.url));
const DIRECTORY = `${blockDirectory(PACKAGE_DIR)}-unit`;

afterAll(() => {
  removeBlockDirectory(DIRECTORY);
});

const fence = '```';

describe('extractBlocks', () => {
  it('takes ts, typescript, js and javascript blocks with their fence line, and leaves the others', () => {
    const markdown = [
      '# Title', // 1
      `${fence}sh`, // 2
      'npm i x',
      fence,
      `${fence}ts`, // 5
      'const a: number = 1;',
      fence,
      `${fence}TypeScript title="x"`, // 8
      'const b = 2;',
      fence,
      `~~~js`, // 11
      'const c = 3;',
      '~~~',
      '- a list item:',
      `  ${fence}javascript`, // 15
      '  if (x) {',
      '    y();',
      '  }',
      `  ${fence}`,
      `${fence}json`,
      '{}',
      fence,
    ].join('\n');
    const blocks = extractBlocks(markdown, 'README.md');
    expect(blocks.map(({ line, language, code, mode }) => ({ line, language, code, mode }))).toEqual([
      { line: 5, language: 'ts', code: 'const a: number = 1;', mode: 'run' },
      { line: 8, language: 'typescript', code: 'const b = 2;', mode: 'run' },
      { line: 11, language: 'js', code: 'const c = 3;', mode: 'run' },
      { line: 15, language: 'javascript', code: 'if (x) {\n  y();\n}', mode: 'run' },
    ]);
  });

  it('reads the marker on the line before a fence', () => {
    const markdown = [
      '<!-- readme-test: typecheck-only -->',
      `${fence}ts`,
      'a;',
      fence,
      '',
      '<!-- readme-test: skip (a signature) -->',
      '',
      `${fence}ts`,
      'b;',
      fence,
      `${fence}ts`,
      'c;',
      fence,
    ].join('\n');
    expect(extractBlocks(markdown, 'R.md').map(({ mode, reason }) => ({ mode, reason }))).toEqual([
      { mode: 'typecheck-only', reason: undefined },
      { mode: 'skip', reason: 'a signature' },
      { mode: 'run', reason: undefined },
    ]);
  });

  it('refuses a marker it does not know, one without a reason, and one that is not before a checked block', () => {
    const block = [`${fence}ts`, 'a;', fence];
    expect(() => extractBlocks(['<!-- readme-test: typecheck -->', ...block].join('\n'), 'R.md')).toThrow(
      /R\.md:1: unknown marker/,
    );
    expect(() => extractBlocks(['<!-- readme-test: skip -->', ...block].join('\n'), 'R.md')).toThrow(/unknown marker/);
    expect(() => extractBlocks(['<!-- readme-test: skip (x) -->', 'prose', ...block].join('\n'), 'R.md')).toThrow(
      /right before a fence/,
    );
    expect(() =>
      extractBlocks(['<!-- readme-test: skip (x) -->', `${fence}sh`, 'ls', fence].join('\n'), 'R.md'),
    ).toThrow(/before a `sh` block/);
    expect(() => extractBlocks('<!-- readme-test: skip (x) -->\n', 'R.md')).toThrow(/with no block/);
  });
});

describe('rewriteBceOrigins', () => {
  it('points every *.baidubce.com origin at the given one and keeps paths and everything else', () => {
    const code = [
      "axios.create({ baseURL: 'https://cfs.bj.baidubce.com' });",
      "got.extend({ prefixUrl: 'https://eip.bj.baidubce.com:443', x: 'https://example.com' });",
      'fetch(`https://BOS.su.baidubce.com/bucket/key?x=1`);',
    ].join('\n');
    expect(namesBceEndpoint(code)).toBe(true);
    expect(namesBceEndpoint("fetch('https://example.com')")).toBe(false);
    expect(rewriteBceOrigins(code, 'http://127.0.0.1:1234')).toBe(
      [
        "axios.create({ baseURL: 'http://127.0.0.1:1234' });",
        "got.extend({ prefixUrl: 'http://127.0.0.1:1234', x: 'https://example.com' });",
        'fetch(`http://127.0.0.1:1234/bucket/key?x=1`);',
      ].join('\n'),
    );
  });
});

describe('a swallowed BceClientError', () => {
  it('prints nothing and exits with 0 against a closed port, which the README test rejects', async () => {
    // The quick start the READMEs had before: only the service error is handled.
    const swallowing = [
      "import axios from 'axios';",
      "import { installBceErrors } from '@bce-errors/axios';",
      "import { isBceServiceError } from '@bce-errors/core';",
      '',
      "const client = axios.create({ baseURL: 'https://cfs.bj.baidubce.com' });",
      "installBceErrors(client, { style: 'go', retry: false });",
      '',
      'try {',
      "  await client.get('/v1/cfs/cfs-xxxx');",
      '} catch (error) {',
      '  if (isBceServiceError(error)) console.log(error.code, error.statusCode, error.requestId, error.retries);',
      '}',
    ].join('\n');
    const [block] = extractBlocks(`${fence}ts\n${swallowing}\n${fence}\n`, 'swallowing.md');
    if (!block) throw new Error('no block');
    const file = writeBlockFile(DIRECTORY, block, rewriteBceOrigins(block.code, await unusedPortUrl()));
    const run = await runBlockFile(PACKAGE_DIR, file, 60_000);
    expect(run).toMatchObject({ exitCode: 0, stdout: '' });
  });
});
