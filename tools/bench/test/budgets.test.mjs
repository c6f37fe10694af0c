// @ts-check
// The parts of `pnpm bench --check` that decide pass or fail, on the committed results and on made-up figures:
// the check must be able to fail.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateBudgets, judge } from '../src/budgets.mjs';
import { PEERS } from '../src/peers.mjs';
import { BUNDLE_GOAL_BYTES, renderReport } from '../src/report.mjs';
import { median, quantile } from '../src/stats.mjs';

const committedResults = JSON.parse(readFileSync(new URL('../../../bench-results.json', import.meta.url), 'utf8'));
const committedBudgets = JSON.parse(readFileSync(new URL('../../../bench-budgets.json', import.meta.url), 'utf8'));

/**
 * Results with the same figures for every adapter.
 * @param {Record<string, unknown>} adapterFigures
 * @param {unknown} [coreFigures]
 */
function results(adapterFigures, coreFigures = { parseUs: { typical: 9 } }) {
  return {
    adapters: { axios: adapterFigures, got: { ...adapterFigures }, fetch: { ...adapterFigures } },
    core: coreFigures,
  };
}

describe('evaluateBudgets and judge', () => {
  const budgets = {
    adapters: { '*': { bundleBytes: 8000, errorPathRatio: 1.1 }, got: { bundleBytes: 7000 } },
    core: { 'parseUs.typical': 20 },
  };

  it('applies "*" to every adapter, lets an adapter override it, and reads dotted core figures', () => {
    const rows = evaluateBudgets(
      budgets,
      results({ bundleBytes: 7500, errorPathRatio: 1.05 }, { parseUs: { typical: 9 } }),
    );
    const limitOf = (/** @type {string} */ scope, /** @type {string} */ figure) =>
      rows.find((row) => row.scope === scope && row.figure === figure)?.limit;
    expect(limitOf('axios', 'bundleBytes')).toBe(8000);
    expect(limitOf('got', 'bundleBytes')).toBe(7000);
    expect(rows.find((row) => row.scope === 'core')).toMatchObject({ figure: 'parseUs.typical', value: 9, ok: true });
  });

  it('fails a bundle over its budget, and only warns for a timing figure unless strict', () => {
    const rows = evaluateBudgets(budgets, results({ bundleBytes: 7500, errorPathRatio: 1.2 }));
    const relaxed = judge(rows, { strict: false });
    expect(relaxed.failures).toEqual(['got.bundleBytes = 7500 exceeds its budget 7000']);
    expect(relaxed.warnings).toHaveLength(3);
    expect(relaxed.warnings[0]).toMatch(/^axios\.errorPathRatio = 1\.200 exceeds its budget 1\.1/);
    expect(judge(rows, { strict: true }).failures).toHaveLength(4);
  });

  it('fails a bundle size the run did not measure, and passes when every figure is within its budget', () => {
    const missing = judge(evaluateBudgets(budgets, results({ errorPathRatio: 1 })), { strict: false });
    expect(missing.failures).toHaveLength(3);
    expect(missing.failures[0]).toMatch(/bundleBytes: not measured in this run/);
    expect(
      judge(evaluateBudgets(budgets, results({ bundleBytes: 6000, errorPathRatio: 1 })), { strict: true }),
    ).toEqual({
      failures: [],
      warnings: [],
    });
  });

  it('fails a Vite bundle over its budget like an esbuild one: both are deterministic', () => {
    const viteBudgets = { adapters: { fetch: { viteBundleBytes: 15000 } } };
    const over = judge(evaluateBudgets(viteBudgets, results({ viteBundleBytes: 15001 })), { strict: false });
    expect(over).toEqual({ failures: ['fetch.viteBundleBytes = 15001 exceeds its budget 15000'], warnings: [] });
    const within = judge(evaluateBudgets(viteBudgets, results({ viteBundleBytes: 15000 })), { strict: false });
    expect(within.failures).toEqual([]);
  });

  it('passes the committed results against the committed budgets on the deterministic figures', () => {
    const { failures } = judge(evaluateBudgets(committedBudgets, committedResults), { strict: false });
    expect(failures).toEqual([]);
  });
});

describe('the report', () => {
  it('renders the committed results and says whether the 4 KiB bundle goal is met', () => {
    const report = renderReport(committedResults, committedBudgets);
    const sizes = ['axios', 'got', 'fetch'].map((name) => committedResults.adapters[name].bundleBytes);
    const met = sizes.every((size) => size <= BUNDLE_GOAL_BYTES);
    expect(report).toContain(`goal ≤ 4 KiB ${met ? 'met' : 'not met'}`);
    const shrunk = structuredClone(committedResults);
    for (const name of ['axios', 'got', 'fetch']) shrunk.adapters[name].bundleBytes = BUNDLE_GOAL_BYTES;
    shrunk.core.bundleBytes = BUNDLE_GOAL_BYTES - 1;
    expect(renderReport(shrunk, committedBudgets)).not.toContain('not met');
  });

  it("shows the parse against the hand-written parse, marked against issue 14's goal", () => {
    const withParse = structuredClone(committedResults);
    withParse.core.parseUs.handwrittenTypical = 20;
    withParse.core.parseTypicalVsHandwritten = 1.35;
    const row = renderReport(withParse, committedBudgets)
      .split('\n')
      .find((line) => line.startsWith('| the hand-written parse of the same response'));
    expect(row).toContain('20.00 µs; `parseServiceError` = 1.35× it');
    expect(row).toContain('≤ 1.2× it');
    const over = judge(evaluateBudgets(committedBudgets, withParse), { strict: true });
    expect(over.failures).toContain('core.parseTypicalVsHandwritten = 1.350 exceeds its budget 1.200');
    withParse.core.parseTypicalVsHandwritten = 1.1;
    const met = renderReport(withParse, committedBudgets)
      .split('\n')
      .find((line) => line.startsWith('| the hand-written parse of the same response'));
    expect(met).not.toEqual(row);
    const { failures, warnings } = judge(evaluateBudgets(committedBudgets, withParse), { strict: true });
    expect(
      [...failures, ...warnings].some((entry) => JSON.stringify(entry).includes('parseTypicalVsHandwritten')),
    ).toBe(false);
  });

  it("puts each peer beside its client's variants and each peer's bundle beside the adapters'", () => {
    const report = renderReport(committedResults, committedBudgets);
    const lines = report.split('\n');
    for (const [client, peers] of Object.entries(PEERS)) {
      for (const peer of peers) {
        const figures = committedResults.peers.net[peer.key];
        for (const path of /** @type {const} */ (['error', 'success'])) {
          const row = lines.find((line) =>
            line.startsWith(`| ${client} ${path === 'error' ? '404 error' : '200 success'} |`),
          );
          // The table shows the round's figures; peers.net keeps them to 4 digits, which can round the other way
          // at a 5 in the third decimal (1.0650 -> "1.06", 1.06502 -> "1.07").
          const variant = committedResults.adapters[client][path].variants[peer.key];
          expect(row).toContain(`${peer.label} ${variant.ratio.toFixed(2)} (${variant.vsHandwritten.toFixed(2)})`);
          expect(Math.abs(figures[path].ratio - variant.ratio)).toBeLessThan(0.0001);
          expect(Math.abs(figures[path].vsHandwritten - variant.vsHandwritten)).toBeLessThan(0.0001);
        }
        const bundles = committedResults.peers.bundles[peer.key];
        const bundleRow = lines.find((line) => line.startsWith(`| peer: ${peer.packageName} |`));
        expect(bundleRow).toContain(bundles.bundleBytes.toLocaleString('en-US'));
        expect(bundleRow).toContain(bundles.viteBundleBytes.toLocaleString('en-US'));
      }
    }
    expect(lines.find((line) => line.startsWith('| got 404 error |'))).toContain('| — |');
  });
});

describe('stats', () => {
  it('takes the median and linear quantiles of unsorted values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([10, 0, 20, 30], 0.25)).toBe(7.5);
    expect(quantile([5], 0.75)).toBe(5);
  });
});
