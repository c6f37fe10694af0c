import { STATUS_CODES } from 'node:http';

/** Reason phrases the pages use that Node no longer names the same way (RFC 2616 wording). */
const LEGACY_REASON_PHRASES = /** @type {Readonly<Record<number, readonly string[]>>} */ ({
  413: ['Request Entity Too Large'],
  414: ['Request-URI Too Long'],
  416: ['Requested Range Not Satisfiable'],
});

/**
 * The reason phrases accepted after a status number, e.g. `Forbidden` for 403.
 * @param {number} status
 * @returns {string[]}
 */
export function reasonPhrases(status) {
  const current = STATUS_CODES[status];
  return [...(current === undefined ? [] : [current]), ...(LEGACY_REASON_PHRASES[status] ?? [])];
}

/**
 * @typedef {object} ParsedStatus
 * @property {number} status The HTTP status number.
 * @property {string | undefined} note Set when the cell needed normalising (e.g. `500Internal Server Error`).
 */

/**
 * Reads a status cell: `403`, `403 Forbidden`, `500Internal Server Error`, `413 Request Entity Too Large`.
 * @param {string} cell
 * @returns {ParsedStatus | string} the status, or a sentence saying why the cell is not a status
 */
export function parseStatusCell(cell) {
  const match = /^(\d{3})(\s*)(.*)$/.exec(cell);
  if (match === null) return `status cell "${cell}" does not start with a 3-digit HTTP status`;
  const [, digits = '', gap = '', reason = ''] = match;
  const status = Number(digits);
  if (reason === '') return { status, note: undefined };
  if (!reasonPhrases(status).includes(reason)) {
    return `status cell "${cell}": "${reason}" is not the reason phrase of HTTP ${String(status)}`;
  }
  const note =
    gap === '' ? `status cell "${cell}" has no space between number and reason phrase; read as ${digits}` : undefined;
  return { status, note };
}
