import { parseStatusCell, reasonPhrases } from './http-status.mjs';

/**
 * @typedef {'code' | 'message' | 'status' | 'description' | 'remedy'} Column
 *
 * @typedef {object} SectionConfig
 * @property {string} heading The heading line, exactly as the page spells it.
 * @property {string} service The catalog service its table belongs to.
 *
 * @typedef {object} PageConfig
 * @property {string} id A short stable name, used by overrides.json and the report.
 * @property {string} file The file under tools/catalog/sources.
 * @property {string} title Where the page lives in the docs.
 * @property {string | null} updated The page's "Updated at" date, when it has one.
 * @property {SectionConfig[]} sections The headings whose tables hold error codes.
 * @property {string} [note] Why a page has no sections.
 *
 * @typedef {object} RowFields
 * @property {string} code
 * @property {number} status
 * @property {string} message
 * @property {string} description
 * @property {string | undefined} remedy
 *
 * @typedef {RowFields & { page: string, service: string, line: number, lastLine: number }} Row
 *
 * @typedef {object} RowProblem
 * @property {'broken-row' | 'unparseable-row'} problem
 * @property {string} page
 * @property {string} service
 * @property {number} line First line of the row, 1-based.
 * @property {number} lastLine Last line of the row.
 * @property {string} code The first cell (or first word): how overrides.json names the row.
 * @property {string[]} text The raw lines.
 * @property {string} detail What is wrong, in words.
 * @property {RowFields | undefined} repaired For a broken row, the fields read from its joined lines.
 *
 * @typedef {object} Note
 * @property {string} page
 * @property {number} line
 * @property {string} code
 * @property {string} text
 *
 * @typedef {object} IgnoredTable
 * @property {string} page
 * @property {number} line
 * @property {number} lastLine
 * @property {string} header
 *
 * @typedef {object} SectionReading
 * @property {string} heading
 * @property {string} service
 * @property {number} line Line of the heading.
 * @property {number} rows How many rows the table had (parsed, broken or not).
 *
 * @typedef {object} PageReading
 * @property {Row[]} rows Rows read as they stand.
 * @property {RowProblem[]} problems Rows that need a decision in overrides.json.
 * @property {Note[]} notes Normalisations applied without a decision (reported).
 * @property {IgnoredTable[]} ignoredTables Tables that are not error tables (parameter tables).
 * @property {SectionReading[]} sections
 */

/** Header cell (lower case) → column. The pages name the same column in several ways. */
const COLUMN_NAMES = /** @type {Readonly<Record<string, Column>>} */ ({
  'error code': 'code',
  'error return codes': 'code',
  code: 'code',
  'error message': 'message',
  'error description': 'message',
  message: 'message',
  'http status code': 'status',
  'status code': 'status',
  description: 'description',
  semantics: 'description',
  measure: 'remedy',
});
const NAMES_LONGEST_FIRST = Object.keys(COLUMN_NAMES).sort((a, b) => b.length - a.length);
/** The only column order a table without pipes can be split in. */
const PLAIN_LAYOUT = ['code', 'message', 'status', 'description'];

/**
 * Collapses runs of white space and trims.
 * @param {string} text
 * @returns {string}
 */
function normalizeText(text) {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Splits a pipe table line into cells; an outer `|` on either side is optional.
 * @param {string} line
 * @returns {string[]}
 */
function splitCells(line) {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|')) text = text.slice(0, -1);
  return text.split('|').map(normalizeText);
}

/**
 * Whether a line is a table's `|---|---|` separator.
 * @param {string | undefined} line
 * @returns {boolean}
 */
function isSeparator(line) {
  return line !== undefined && line.includes('---') && /^[\s|:-]+$/.test(line);
}

/**
 * Maps header cells to columns; `undefined` when the table is not an error table (no code or status column).
 * @param {string[]} cells
 * @param {string} where for the error message
 * @returns {Column[] | undefined}
 */
function columnsOf(cells, where) {
  const columns = cells.map((cell) => COLUMN_NAMES[cell.toLowerCase()]);
  if (!columns.includes('code') || !columns.includes('status')) return undefined;
  const unknown = cells.filter((_, index) => columns[index] === undefined);
  if (unknown.length > 0) {
    throw new Error(`${where}: error table has unknown column(s) ${unknown.map((c) => `"${c}"`).join(', ')}`);
  }
  const defined = /** @type {Column[]} */ (columns);
  for (const required of ['message', 'description']) {
    if (!defined.includes(/** @type {Column} */ (required)))
      throw new Error(`${where}: error table has no ${required} column`);
  }
  return defined;
}

/**
 * Reads the header of a table written without pipes (`Error code Error message HTTP status code Description`).
 * @param {string} line
 * @returns {Column[] | undefined}
 */
function plainColumnsOf(line) {
  if (line.includes('|')) return undefined;
  let rest = normalizeText(line).toLowerCase();
  /** @type {Column[]} */
  const columns = [];
  while (rest !== '') {
    const name = NAMES_LONGEST_FIRST.find((n) => rest === n || rest.startsWith(`${n} `));
    const column = name === undefined ? undefined : COLUMN_NAMES[name];
    if (name === undefined || column === undefined) return undefined;
    columns.push(column);
    rest = rest.slice(name.length).trim();
  }
  return columns.includes('code') && columns.includes('status') ? columns : undefined;
}

/**
 * Turns cells into fields, or says why it cannot.
 * @param {string[]} cells
 * @param {Column[]} columns
 * @returns {{ fields: RowFields, note: string | undefined } | string}
 */
function fieldsOf(cells, columns) {
  /** @type {Partial<Record<Column, string>>} */
  const byColumn = {};
  columns.forEach((column, index) => {
    byColumn[column] = cells[index] ?? '';
  });
  const { code = '', message = '', description = '', remedy } = byColumn;
  if (!/^[A-Za-z0-9][\w.-]*$/.test(code)) return `code cell "${code}" is not an error code`;
  if (message === '') return 'message cell is empty';
  if (description === '') return 'description cell is empty';
  const status = parseStatusCell(byColumn.status ?? '');
  if (typeof status === 'string') return status;
  return {
    fields: { code, status: status.status, message, description, remedy: remedy === '' ? undefined : remedy },
    note: status.note,
  };
}

/**
 * Splits a row of a table without pipes: `Code Message... 403 Forbidden Description...`.
 * The status (a 3-digit number followed by its reason phrase) is the only reliable delimiter.
 * @param {string} line
 * @returns {{ fields: RowFields, note: string | undefined } | string}
 */
function plainFieldsOf(line) {
  const text = normalizeText(line);
  const first = /^(\S+) (.*)$/.exec(text);
  if (first === null) return 'row has a single word';
  const [, code = '', rest = ''] = first;
  for (const match of rest.matchAll(/(?<=^|\s)(\d{3}) ?/g)) {
    const after = rest.slice(match.index + match[0].length);
    const phrase = reasonPhrases(Number(match[1])).find((p) => after === p || after.startsWith(`${p} `));
    if (phrase === undefined) continue;
    const statusCell = rest.slice(match.index, match.index + match[0].length + phrase.length);
    const cells = [code, rest.slice(0, match.index).trim(), statusCell, after.slice(phrase.length).trim()];
    return fieldsOf(cells, /** @type {Column[]} */ (PLAIN_LAYOUT));
  }
  return 'no "<status> <reason phrase>" found to split the row at';
}

/**
 * Reads the error tables of one page. Every line with a `|` ends up in a table (error table or ignored table),
 * so nothing is dropped without a trace; rows that do not read cleanly become {@link RowProblem}s.
 * @param {string} text the page
 * @param {PageConfig} page
 * @returns {PageReading}
 */
export function readPage(text, page) {
  const lines = text.split(/\r?\n/);
  const where = (/** @type {number} */ index) => `${page.file}:${String(index + 1)}`;

  /** @type {{ index: number, section: SectionConfig }[]} */
  const headings = page.sections.map((section) => {
    const found = lines.flatMap((line, index) => (line.trim() === section.heading ? [index] : []));
    if (found.length !== 1) {
      throw new Error(`${page.file}: heading "${section.heading}" found ${String(found.length)} times, expected once`);
    }
    return { index: /** @type {number} */ (found[0]), section };
  });
  headings.sort((a, b) => a.index - b.index);
  /** @param {number} index */
  const sectionAt = (index) => headings.filter((h) => h.index < index).at(-1);

  /** @type {PageReading} */
  const reading = { rows: [], problems: [], notes: [], ignoredTables: [], sections: [] };
  /** @type {Map<SectionConfig, number>} */
  const rowsPerSection = new Map();

  /**
   * @param {SectionConfig} section
   * @param {number} start
   * @param {number} end
   * @param {ReturnType<typeof fieldsOf>} result
   * @param {string} firstWord
   * @param {boolean} broken
   */
  const record = (section, start, end, result, firstWord, broken) => {
    rowsPerSection.set(section, (rowsPerSection.get(section) ?? 0) + 1);
    const base = { page: page.id, service: section.service, line: start + 1, lastLine: end + 1 };
    const rawText = lines.slice(start, end + 1);
    const failure = typeof result === 'string' ? result : undefined;
    if (typeof result === 'string' || broken) {
      const spans = `row spans ${String(end - start + 1)} lines`;
      reading.problems.push({
        ...base,
        problem: broken ? 'broken-row' : 'unparseable-row',
        code: typeof result === 'string' ? firstWord : result.fields.code,
        text: rawText,
        detail: broken
          ? failure === undefined
            ? spans
            : `${spans}; joined, it still fails: ${failure}`
          : (failure ?? ''),
        repaired: typeof result === 'string' ? undefined : result.fields,
      });
      return;
    }
    reading.rows.push({ ...base, ...result.fields });
    if (result.note !== undefined)
      reading.notes.push({ page: page.id, line: start + 1, code: result.fields.code, text: result.note });
  };

  /**
   * Claims a section for the table starting at a header line; one error table per section.
   * @param {{ index: number, section: SectionConfig } | undefined} heading
   * @param {number} headerIndex
   * @returns {SectionConfig}
   */
  const claim = (heading, headerIndex) => {
    if (heading === undefined)
      throw new Error(`${where(headerIndex)}: error table outside every section of pages.json`);
    if (rowsPerSection.has(heading.section)) {
      throw new Error(`${where(headerIndex)}: second error table under "${heading.section.heading}"`);
    }
    rowsPerSection.set(heading.section, 0);
    return heading.section;
  };

  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    const plainColumns = plainColumnsOf(line);
    if (!line.includes('|') && plainColumns === undefined) {
      index += 1;
      continue;
    }
    const heading = sectionAt(index);

    if (plainColumns !== undefined) {
      const section = claim(heading, index);
      if (plainColumns.join() !== PLAIN_LAYOUT.join()) {
        throw new Error(`${where(index)}: a table without pipes must have the columns ${PLAIN_LAYOUT.join(', ')}`);
      }
      index += 1;
      while (index < lines.length && (lines[index] ?? '').trim() !== '') {
        const rowLine = lines[index] ?? '';
        record(section, index, index, plainFieldsOf(rowLine), rowLine.trim().split(/\s/)[0] ?? '', false);
        index += 1;
      }
      continue;
    }

    // A pipe table: the header, an optional separator, then every following line that has a pipe.
    const headerIndex = index;
    const header = splitCells(line);
    const columns = columnsOf(header, where(index));
    index += isSeparator(lines[index + 1]) ? 2 : 1;
    const bodyStart = index;
    while (index < lines.length && (lines[index] ?? '').includes('|')) index += 1;
    if (columns === undefined) {
      reading.ignoredTables.push({ page: page.id, line: headerIndex + 1, lastLine: index, header: header.join(' | ') });
      continue;
    }
    const section = claim(heading, headerIndex);

    let rowStart = bodyStart;
    while (rowStart < index) {
      // A row is complete once it has as many cells as the header; a shorter one continues on the next lines.
      let rowEnd = rowStart;
      let joined = lines[rowStart] ?? '';
      while (splitCells(joined).length < columns.length && rowEnd + 1 < index) {
        rowEnd += 1;
        joined = `${joined} ${lines[rowEnd] ?? ''}`;
      }
      const cells = splitCells(joined);
      const result =
        cells.length === columns.length
          ? fieldsOf(cells, columns)
          : `row has ${String(cells.length)} cells, the header has ${String(columns.length)}`;
      record(section, rowStart, rowEnd, result, cells[0] ?? '', rowEnd > rowStart);
      rowStart = rowEnd + 1;
    }
  }

  for (const { index: headingIndex, section } of headings) {
    const rows = rowsPerSection.get(section);
    if (rows === undefined) throw new Error(`${page.file}: no error table under heading "${section.heading}"`);
    reading.sections.push({ heading: section.heading, service: section.service, line: headingIndex + 1, rows });
  }
  return reading;
}
