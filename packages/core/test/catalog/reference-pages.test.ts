// Reads the reference pages on its own, without the generator's parser, and proves that every documented
// (service, code, status) is in the catalog, and nothing else is.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ServiceName } from '../../src/catalog/catalog-codes.gen.js';
import { catalogEntries, listErrors, lookupError } from '../../src/catalog/lookup.js';

const SOURCES = new URL('../../../../tools/catalog/sources/', import.meta.url);

/** The section headings of the pages and the service of the table below each. */
const HEADINGS: Readonly<Record<string, ServiceName>> = {
  'Global error codes': 'bce',
  'BCE global error codes': 'bce',
  'CFS error code': 'cfs',
  'EIP service error code': 'eip',
  'EIPGROUP service error code': 'eipgroup',
  'Bandwidth package service error code': 'bandwidth-package',
  'Error Codes¶': 'iam',
};

const EXPECTED_COUNTS: Readonly<Record<ServiceName, number>> = {
  bce: 14,
  cfs: 34,
  eip: 8,
  eipgroup: 6,
  'bandwidth-package': 7,
  iam: 114,
};

interface Documented {
  file: string;
  service: ServiceName;
  code: string;
  status: number;
}

/** A status cell: `403`, `403 Forbidden`, `500Internal Server Error`. */
const STATUS_CELL = /^(\d{3})(?:\s?[A-Z][A-Za-z -]*)?$/;

function readTriples(file: string): Documented[] {
  const text = readFileSync(new URL(file, SOURCES), 'utf8');
  const found: Documented[] = [];
  let service: ServiceName | undefined;
  let record = ''; // a pipe-table row, possibly continued over several lines
  const flush = (): void => {
    if (service === undefined || record === '') return;
    const cells = record.split('|').map((cell) => cell.trim());
    record = '';
    const statusCell = cells.findIndex((cell) => STATUS_CELL.test(cell));
    if (statusCell < 0) return; // a parameter table or the header: no status cell
    // Tables are either "status | code | ..." (IAM) or "code | message | status | ...".
    const code = statusCell === 0 ? cells[1] : cells[0];
    const status = Number(STATUS_CELL.exec(cells[statusCell] ?? '')?.[1]);
    if (code !== undefined && code !== '') found.push({ file, service, code, status });
  };
  for (const line of text.split('\n')) {
    const heading = HEADINGS[line.trim()];
    if (heading !== undefined) {
      flush();
      service = heading;
      continue;
    }
    if (service === undefined) continue;
    if (/^\s*\|?\s*-{3}/.test(line)) continue; // |---|---|
    if (line.includes('|')) {
      // A new row starts with "| " (leading-pipe tables) or "ddd | " (the IAM table); anything else continues one.
      if (line.startsWith('| ') || /^\d{3} \|/.test(line)) flush();
      record += ` ${line.trim().replace(/^\|/, '')}`;
      continue;
    }
    flush();
    // A table without pipes: "Code Message... 403 Forbidden Description...".
    const plain =
      /^([A-Za-z]\w+) .+? (\d{3}) ?(?:Bad Request|Forbidden|Internal Server Error|Not Found|Precondition Failed) /.exec(
        line,
      );
    if (plain !== null) found.push({ file, service, code: plain[1] ?? '', status: Number(plain[2]) });
  }
  flush();
  return found;
}

const files = readdirSync(SOURCES)
  .filter((name) => name.endsWith('.txt'))
  .sort();
const documented = files.flatMap(readTriples);

describe('the catalog against the reference pages', () => {
  it('reads all five pages, and the global table of each page that has one in full', () => {
    expect(files).toHaveLength(5);
    const globalRowsPerPage = files.map(
      (file) => documented.filter((d) => d.file === file && d.service === 'bce').length,
    );
    expect(globalRowsPerPage).toEqual([14, 14, 14, 0, 0]);
  });

  it('finds exactly the documented number of codes per service', () => {
    const counts: Record<string, number> = {};
    const seen = new Set<string>();
    for (const { service, code } of documented) {
      if (seen.has(`${service}/${code}`)) continue;
      seen.add(`${service}/${code}`);
      counts[service] = (counts[service] ?? 0) + 1;
    }
    expect(counts).toEqual(EXPECTED_COUNTS);
  });

  it.each(documented.map((d) => [d.service, d.code, d.status, d.file] as const))(
    '%s %s (%i, %s) is in the catalog with its status',
    (service, code, status) => {
      const entry = lookupError(code, { service });
      expect(entry).toMatchObject({ service, code, status });
    },
  );

  it('holds no entry the pages do not document', () => {
    for (const [service, count] of Object.entries(EXPECTED_COUNTS)) {
      expect(listErrors({ service: service as ServiceName }), service).toHaveLength(count);
    }
    const documentedKeys = new Set(documented.map((d) => `${d.service}/${d.code}`));
    const extra = catalogEntries().filter((entry) => !documentedKeys.has(`${entry.service}/${entry.code}`));
    expect(extra).toEqual([]);
    expect(catalogEntries()).toHaveLength(183);
  });
});
