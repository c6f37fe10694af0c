import { placeholdersOf } from './placeholders.mjs';

/**
 * @typedef {import('./read-page.mjs').PageConfig} PageConfig
 * @typedef {import('./read-page.mjs').PageReading} PageReading
 * @typedef {import('./read-page.mjs').Row} Row
 * @typedef {import('./read-page.mjs').RowFields} RowFields
 * @typedef {import('./read-page.mjs').RowProblem} RowProblem
 * @typedef {import('./placeholders.mjs').Placeholder} Placeholder
 *
 * @typedef {'status' | 'message' | 'description' | 'remedy'} Field
 *
 * @typedef {object} RowOverride
 * @property {string} page Page id.
 * @property {string} code The row's first cell.
 * @property {RowProblem['problem'] | 'duplicate-row'} problem
 * @property {'join' | 'skip' | 'replace'} action `join` reads a broken row from its joined lines.
 * @property {Omit<RowFields, 'code' | 'remedy'> & { remedy?: string }} [row] The fields, for `replace`.
 * @property {string} reason
 *
 * @typedef {object} FieldOverride
 * @property {string} service
 * @property {string} code
 * @property {Field} field
 * @property {string} [use] The id of the page whose value wins.
 * @property {string | number} [value] An explicit value, when no page is right.
 * @property {string} reason
 *
 * @typedef {object} Overrides
 * @property {RowOverride[]} rows
 * @property {FieldOverride[]} fields
 *
 * @typedef {object} CatalogEntry
 * @property {string} service
 * @property {string} code
 * @property {number} status
 * @property {string} message
 * @property {string} description
 * @property {string} [remedy]
 * @property {Placeholder[]} placeholders
 *
 * @typedef {object} Disagreement
 * @property {string} service
 * @property {string} code
 * @property {Field} field
 * @property {{ pages: string[], value: string | number | null }[]} values Distinct values and the pages giving each.
 * @property {FieldOverride} decision
 *
 * @typedef {object} RowDecision
 * @property {RowProblem | DuplicateRow} problem
 * @property {RowOverride} decision
 *
 * @typedef {object} DuplicateRow
 * @property {'duplicate-row'} problem
 * @property {string} page
 * @property {string} service
 * @property {number} line
 * @property {number} lastLine
 * @property {string} code
 * @property {string[]} text
 * @property {string} detail
 *
 * @typedef {object} Catalog
 * @property {string[]} services In order of first appearance.
 * @property {Map<string, CatalogEntry[]>} entriesByService
 * @property {Disagreement[]} disagreements
 * @property {RowDecision[]} rowDecisions
 */

const FIELDS = /** @type {const} */ (['status', 'message', 'description', 'remedy']);

/**
 * Thrown when the pages hold something overrides.json does not decide, or overrides.json decides something
 * the pages no longer hold. The message lists every item at once.
 */
export class CatalogDecisionError extends Error {
  /** @param {string[]} problems */
  constructor(problems) {
    super(
      `The error catalog cannot be generated: ${String(problems.length)} item(s) need a decision.\n\n` +
        problems.map((p) => `- ${p}`).join('\n') +
        '\n\nAdd (or remove) the matching entries in tools/catalog/overrides.json, each with a "reason".',
    );
    this.name = 'CatalogDecisionError';
    /** @type {string[]} */
    this.problems = problems;
  }
}

/**
 * Checks the shape of overrides.json (it is hand-written).
 * @param {unknown} value
 * @returns {Overrides}
 */
export function validateOverrides(value) {
  const fail = (/** @type {string} */ why) => {
    throw new Error(`tools/catalog/overrides.json: ${why}`);
  };
  if (typeof value !== 'object' || value === null) return fail('not an object');
  const { rows, fields } = /** @type {{ rows?: unknown, fields?: unknown }} */ (value);
  if (!Array.isArray(rows) || !Array.isArray(fields)) return fail('needs the arrays "rows" and "fields"');
  for (const [index, item] of [...rows, ...fields].entries()) {
    const reason = /** @type {{ reason?: unknown }} */ (item).reason;
    if (typeof reason !== 'string' || reason.trim().length < 10)
      fail(`item ${String(index)} has no "reason" (say why, in words)`);
  }
  for (const row of /** @type {RowOverride[]} */ (rows)) {
    if (!['join', 'skip', 'replace'].includes(row.action))
      fail(`row override ${row.page}/${row.code}: bad action "${row.action}"`);
    if ((row.action === 'replace') !== (row.row !== undefined))
      fail(`row override ${row.page}/${row.code}: "row" goes with action "replace"`);
  }
  for (const field of /** @type {FieldOverride[]} */ (fields)) {
    if (!FIELDS.includes(field.field))
      fail(`field override ${field.service}/${field.code}: bad field "${field.field}"`);
    if ((field.use === undefined) === (field.value === undefined)) {
      fail(
        `field override ${field.service}/${field.code}/${field.field}: give exactly one of "use" (a page id) or "value"`,
      );
    }
  }
  return /** @type {Overrides} */ (value);
}

/**
 * Merges what the pages say into one entry per (service, code), applying overrides.json.
 * @param {{ page: PageConfig, reading: PageReading }[]} pages in pages.json order
 * @param {Overrides} overrides
 * @returns {Catalog}
 * @throws {CatalogDecisionError} when an item has no decision or a decision matches nothing
 */
export function buildCatalog(pages, overrides) {
  /** @type {string[]} */
  const missing = [];
  /** @type {Set<object>} */
  const used = new Set();
  /** @type {RowDecision[]} */
  const rowDecisions = [];
  const pageOrder = new Map(pages.map(({ page }, index) => [page.id, index]));

  /**
   * @param {RowProblem | DuplicateRow} problem
   * @returns {RowOverride | undefined}
   */
  const rowDecision = (problem) => {
    const matches = overrides.rows.filter(
      (o) => o.page === problem.page && o.code === problem.code && o.problem === problem.problem,
    );
    const decision = matches[0];
    if (decision === undefined || matches.length > 1) {
      missing.push(
        `${problem.problem} in ${problem.page} lines ${String(problem.line)}-${String(problem.lastLine)} (${problem.code}): ` +
          `${problem.detail}. ${matches.length > 1 ? 'Several overrides match it.' : `Needs {"page":"${problem.page}","code":"${problem.code}","problem":"${problem.problem}","action":"join|skip|replace","reason":"..."}`}`,
      );
      return undefined;
    }
    used.add(decision);
    rowDecisions.push({ problem, decision });
    return decision;
  };

  /** @type {Row[]} */
  const rows = [];
  for (const { reading } of pages) {
    rows.push(...reading.rows);
    for (const problem of reading.problems) {
      const decision = rowDecision(problem);
      if (decision === undefined || decision.action === 'skip') continue;
      if (decision.action === 'join') {
        if (problem.problem !== 'broken-row' || problem.repaired === undefined) {
          missing.push(
            `${problem.page} ${problem.code}: action "join" only applies to a broken row whose joined lines read cleanly`,
          );
          continue;
        }
        rows.push({
          ...problem.repaired,
          page: problem.page,
          service: problem.service,
          line: problem.line,
          lastLine: problem.lastLine,
        });
      } else if (decision.row !== undefined) {
        const { remedy, ...row } = decision.row;
        rows.push({
          ...row,
          remedy,
          code: problem.code,
          page: problem.page,
          service: problem.service,
          line: problem.line,
          lastLine: problem.lastLine,
        });
      }
    }
  }
  rows.sort((a, b) => (pageOrder.get(a.page) ?? 0) - (pageOrder.get(b.page) ?? 0) || a.line - b.line);

  // Group by (service, code) in document order; a code twice in the same table needs a decision too.
  /** @type {Map<string, Row[]>} */
  const groups = new Map();
  for (const row of rows) {
    const key = `${row.service}\u0000${row.code}`;
    const group = groups.get(key) ?? [];
    const twin = group.find((other) => other.page === row.page);
    if (twin !== undefined) {
      const decision = rowDecision({
        problem: 'duplicate-row',
        page: row.page,
        service: row.service,
        line: row.line,
        lastLine: row.lastLine,
        code: row.code,
        text: [],
        detail: `${row.code} appears again in the same table (first at line ${String(twin.line)})`,
      });
      if (decision !== undefined && decision.action !== 'skip') {
        missing.push(`${row.page} ${row.code}: a duplicate row can only be skipped`);
      }
      continue;
    }
    group.push(row);
    groups.set(key, group);
  }

  /** @type {Disagreement[]} */
  const disagreements = [];
  /** @type {Map<string, CatalogEntry[]>} */
  const entriesByService = new Map();
  for (const group of groups.values()) {
    const first = /** @type {Row} */ (group[0]);
    /** @type {Record<Field, string | number | null>} */
    const chosen = {
      status: first.status,
      message: first.message,
      description: first.description,
      remedy: first.remedy ?? null,
    };
    for (const field of FIELDS) {
      /** @type {Map<string | number | null, string[]>} */
      const values = new Map();
      for (const row of group) {
        const value = row[field] ?? null;
        values.set(value, [...(values.get(value) ?? []), row.page]);
      }
      if (values.size < 2) continue;
      const listed = [...values].map(([value, pagesGiving]) => ({ pages: pagesGiving, value }));
      const decision = overrides.fields.find(
        (o) => o.service === first.service && o.code === first.code && o.field === field,
      );
      if (decision === undefined) {
        missing.push(
          `disagreement on ${field} of ${first.service}/${first.code}: ` +
            listed.map((v) => `${v.pages.join('+')} say ${JSON.stringify(v.value)}`).join('; ') +
            `. Needs {"service":"${first.service}","code":"${first.code}","field":"${field}","use":"<page id>","reason":"..."}`,
        );
        continue;
      }
      used.add(decision);
      if (decision.use !== undefined) {
        const fromPage = group.find((row) => row.page === decision.use);
        if (fromPage === undefined) {
          missing.push(
            `override ${first.service}/${first.code}/${field} uses page "${decision.use}", which has no such row`,
          );
          continue;
        }
        chosen[field] = fromPage[field] ?? null;
      } else {
        chosen[field] = decision.value ?? null;
      }
      disagreements.push({ service: first.service, code: first.code, field, values: listed, decision });
    }
    if (
      typeof chosen.status !== 'number' ||
      typeof chosen.message !== 'string' ||
      typeof chosen.description !== 'string'
    ) {
      missing.push(
        `${first.service}/${first.code}: an override gave status, message or description a value of the wrong type`,
      );
      continue;
    }
    /** @type {CatalogEntry} */
    const entry = {
      service: first.service,
      code: first.code,
      status: chosen.status,
      message: chosen.message,
      description: chosen.description,
      ...(typeof chosen.remedy === 'string' ? { remedy: chosen.remedy } : {}),
      placeholders: placeholdersOf(chosen.message),
    };
    entriesByService.set(first.service, [...(entriesByService.get(first.service) ?? []), entry]);
  }

  for (const stale of [...overrides.rows, ...overrides.fields].filter((o) => !used.has(o))) {
    missing.push(`override matches nothing in the pages any more (remove it): ${JSON.stringify(stale)}`);
  }
  if (missing.length > 0) throw new CatalogDecisionError(missing);

  const services = pages
    .flatMap(({ page }) => page.sections.map((s) => s.service))
    .filter((s, i, all) => all.indexOf(s) === i);
  for (const service of services) {
    if (!entriesByService.has(service)) throw new Error(`service "${service}" ended up without entries`);
  }
  return { services, entriesByService, disagreements, rowDecisions };
}
