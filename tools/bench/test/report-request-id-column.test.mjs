// @ts-check
// The variants table of the report has issue 14's column "go, `requestId: false`": the Go style without the
// generated x-bce-request-id, per client and path, from `adapters.<client>.<path>.variants.goWithoutRequestId`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../src/report.mjs';

const committedResults = JSON.parse(readFileSync(new URL('../../../bench-results.json', import.meta.url), 'utf8'));
const committedBudgets = JSON.parse(readFileSync(new URL('../../../bench-budgets.json', import.meta.url), 'utf8'));

/** @param {string} report */
function variantTable(report) {
  const lines = report.split('\n');
  const header = lines.findIndex((line) => line.startsWith('| client, path |'));
  return { header: lines[header] ?? '', rows: lines.slice(header + 2, header + 8) };
}

describe('the report’s "go, requestId: false" column', () => {
  it('shows each client and path its own figure (÷ bare, and ÷ hand-written in brackets), as the last column', () => {
    const results = structuredClone(committedResults);
    const figures = { axios: 1.1, got: 1.3, fetch: 1.5 };
    for (const [name, base] of Object.entries(figures)) {
      results.adapters[name].error.variants.goWithoutRequestId = { ratio: base + 0.01, vsHandwritten: base + 0.02 };
      results.adapters[name].success.variants.goWithoutRequestId = { ratio: base + 0.03, vsHandwritten: base + 0.04 };
    }
    const { header, rows } = variantTable(renderReport(results, committedBudgets));
    expect(header).toBe(
      '| client, path | hand-written | peers | go (default) | java | python | go, `requestId: false` |',
    );
    expect(rows).toHaveLength(6);
    for (const [name, base] of Object.entries(figures)) {
      const error = rows.find((row) => row.startsWith(`| ${name} 404 error |`));
      const success = rows.find((row) => row.startsWith(`| ${name} 200 success |`));
      expect(error).toMatch(new RegExp(`\\| ${(base + 0.01).toFixed(2)} \\(${(base + 0.02).toFixed(2)}\\) \\|$`));
      expect(success).toMatch(new RegExp(`\\| ${(base + 0.03).toFixed(2)} \\(${(base + 0.04).toFixed(2)}\\) \\|$`));
    }
  });

  it('says n/a for results of a run without the variant', () => {
    const results = structuredClone(committedResults);
    for (const name of ['axios', 'got', 'fetch']) {
      delete results.adapters[name].error.variants.goWithoutRequestId;
      delete results.adapters[name].success.variants.goWithoutRequestId;
    }
    const { rows } = variantTable(renderReport(results, committedBudgets));
    for (const row of rows) expect(row).toMatch(/\| n\/a \|$/);
  });
});
