// @ts-check
// The per-style size estimate (src/style-size.mjs) rewrites core's style checks by pattern: it is only an estimate if
// every check core makes is of a form it rewrites, and if the rewrite really removes the other styles' code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answerStyleChecks, measureStyleBundles } from '../src/style-size.mjs';

const benchDir = fileURLToPath(new URL('..', import.meta.url));
const coreDir = join(benchDir, '..', '..', 'packages', 'core');

/** @param {string} dir @returns {string[]} */
function typeScriptFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('answerStyleChecks', () => {
  it('answers equality, inequality and switch for the chosen style only', () => {
    const source = "a(style === 'go'); b(style !== 'java'); c(style === 'python'); switch (style) {}";
    expect(answerStyleChecks(source, 'java')).toBe("a(false); b(false); c(false); switch ('java') {}");
    expect(answerStyleChecks(source, 'go')).toBe("a(true); b(true); c(false); switch ('go') {}");
  });

  it("rewrites every comparison of core's style variable (a new form would make the estimate silently wrong)", () => {
    /** @type {string[]} */
    const unrewritten = [];
    for (const file of typeScriptFiles(join(coreDir, 'src'))) {
      const rewritten = answerStyleChecks(readFileSync(file, 'utf8'), 'go');
      // `style === undefined` is an option check (no style given), not a choice between styles.
      for (const match of rewritten.matchAll(
        /\bstyle\s*(?:[!=]==|[!=]=(?!=))(?!\s*undefined)|switch\s*\(\s*style\s*\)/g,
      )) {
        unrewritten.push(`${file.slice(coreDir.length)}: ${match[0]}`);
      }
    }
    expect(unrewritten).toEqual([]);
  });
});

describe('measureStyleBundles', () => {
  it("drops the other styles' message formats and keeps the chosen one's", async () => {
    const results = await measureStyleBundles(benchDir, coreDir);
    const fetch = results.fetch;
    if (fetch === undefined) throw new Error('no fetch bundle');
    // Java's service message format, Go's, and Python's client message.
    const javaFormat = '(Status Code: ';
    const goFormat = '[Code: ';
    const pythonTrace = 'All trace backs:';
    expect(fetch.all.code).toContain(javaFormat);
    expect(fetch.all.code).toContain(goFormat);
    expect(fetch.go.code).toContain(goFormat);
    expect(fetch.go.code).not.toContain(javaFormat);
    expect(fetch.java.code).toContain(javaFormat);
    expect(fetch.java.code).not.toContain(goFormat);
    expect(fetch.python.code).toContain(pythonTrace);
    expect(fetch.java.code).not.toContain(pythonTrace);
    for (const row of Object.values(results)) {
      for (const style of /** @type {const} */ (['go', 'java', 'python'])) {
        expect(row[style].gzipBytes).toBeLessThan(row.all.gzipBytes);
      }
    }
  });
});
