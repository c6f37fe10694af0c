import { isBlankCode, isTokenCode, isWordStart, skipBlanks } from './characters.js';
import type { RedactionOutput } from './redaction-output.js';

function isLowerCaseWord(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x61 || code > 0x7a) return false;
  }
  return true;
}

// Long, or with a digit, a symbol or mixed case: `bearer token` and `basic authentication` are prose, a real token
// is not one English word.
const MIN_PLAIN_CREDENTIAL_LENGTH = 20;
function looksLikeCredential(text: string, start: number, end: number): boolean {
  if (end - start >= MIN_PLAIN_CREDENTIAL_LENGTH) return true;
  let upper = false;
  let lower = false;
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0x61 && code <= 0x7a) lower = true;
    else if (code >= 0x41 && code <= 0x5a) upper = true;
    else return true;
  }
  return upper && lower;
}

/**
 * Redacts the credential after the `Bearer` or `Basic` scheme word at `[at, end)`. The canonical spelling takes
 * any token, as in a header; another case (`bearer`, `BASIC`) only one that looks like a credential, so prose
 * survives. An auth-param (`Basic realm="bos"`, a challenge) is not a credential. Returns where the scan resumes.
 */
export function redactSchemeToken(text: string, at: number, end: number, output: RedactionOutput): number {
  if (!isWordStart(text, at) || !isBlankCode(text.charCodeAt(end))) return end;
  const start = skipBlanks(text, end);
  let bodyEnd = start;
  while (bodyEnd < text.length && isTokenCode(text.charCodeAt(bodyEnd))) bodyEnd += 1;
  if (bodyEnd === start) return start;
  let tokenEnd = bodyEnd;
  while (text.charCodeAt(tokenEnd) === 0x3d) tokenEnd += 1;
  const next = text.charCodeAt(tokenEnd);
  if (
    tokenEnd - bodyEnd === 1 &&
    isLowerCaseWord(text, start, bodyEnd) &&
    (next === 0x22 || (tokenEnd < text.length && isTokenCode(next)))
  ) {
    return tokenEnd;
  }
  const word = text.slice(at, end);
  if (word !== 'Bearer' && word !== 'Basic' && !looksLikeCredential(text, start, bodyEnd)) return tokenEnd;
  output.replace(start, tokenEnd);
  return tokenEnd;
}
