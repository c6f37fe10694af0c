import { isBlankCode, isNameCode, isSpaceOrControlCode, isWordStart, quoteLength, skipBlanks } from './characters.js';
import { REDACTED } from './redacted.js';
import type { RedactionOutput } from './redaction-output.js';

// The parameters of a Digest authorization (RFC 7616) that prove or replay the credential; `username`, `realm`,
// `uri`, `qop` and `nc` are kept for diagnosis.
const SECRET_PARAMETERS = new Set(['response', 'cnonce', 'nonce', 'opaque']);
const MAX_PARAMETER_NAME_LENGTH = 32;
const BACKSLASH = 0x5c;

/** The end of a quoted parameter value's content: its closing quote, or the end of the line or of the text. */
function quotedValueEnd(text: string, from: number, quote: number): number {
  let index = from;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === quote || code === BACKSLASH || code === 0x0a || code === 0x0d) return index;
    index += 1;
  }
  return index;
}

/**
 * Redacts the secret parameters after the `Digest` scheme word at `[at, end)` (`response="..."`, `cnonce=...`),
 * with or without an `Authorization:` label before it. Returns where the scan resumes: after the last parameter.
 */
export function redactDigestParameters(text: string, at: number, end: number, output: RedactionOutput): number {
  if (!isWordStart(text, at) || !isBlankCode(text.charCodeAt(end))) return end;
  let index = skipBlanks(text, end);
  let resume = end;
  for (;;) {
    const nameStart = index;
    while (index - nameStart < MAX_PARAMETER_NAME_LENGTH && isNameCode(text.charCodeAt(index))) index += 1;
    if (index === nameStart) break;
    const name = text.slice(nameStart, index).toLowerCase();
    let cursor = skipBlanks(text, index);
    if (text.charCodeAt(cursor) !== 0x3d) break;
    cursor = skipBlanks(text, cursor + 1);
    const opener = quoteLength(text, cursor);
    let valueStart = cursor;
    let valueEnd: number;
    let after: number;
    if (opener > 0) {
      valueStart = cursor + opener;
      valueEnd = quotedValueEnd(text, valueStart, text.charCodeAt(valueStart - 1));
      after = valueEnd + quoteLength(text, valueEnd);
    } else {
      valueEnd = cursor;
      while (valueEnd < text.length) {
        const code = text.charCodeAt(valueEnd);
        if (isSpaceOrControlCode(code) || code === 0x2c || quoteLength(text, valueEnd) > 0) break;
        valueEnd += 1;
      }
      after = valueEnd;
    }
    if (SECRET_PARAMETERS.has(name) && !text.startsWith(REDACTED, valueStart)) output.replace(valueStart, valueEnd);
    resume = Math.max(after, valueStart);
    index = skipBlanks(text, resume);
    if (text.charCodeAt(index) !== 0x2c) break;
    index = skipBlanks(text, index + 1);
  }
  return resume;
}
