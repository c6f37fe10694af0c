import {
  isEscapedLineBreak,
  isEscapeLetter,
  isLineEndCode,
  isNameCode,
  looksLikeToken,
  quoteLength,
  skipBlanks,
} from './characters.js';
import { redactMarkupValue } from './markup-value.js';
import { REDACTED } from './redacted.js';
import type { RedactionOutput } from './redaction-output.js';
import { isSecretName, isWeakSecretName } from './secret-names.js';

const MAX_NAME_LENGTH = 64;
const AMPERSAND = 0x26;
const BACKSLASH = 0x5c;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
// A value folded onto the next line: an indented continuation line (obs-fold, RFC 9112 5.2) or a pretty-printed
// dump's, raw or JSON-escaped. An unindented line is the next header, not the value. Sticky: the blanks are read once.
const FOLD = /(?:\r\n?|\n|(?:\\r)?\\n)[ \t]+/y;

/** Where a value starts after its label, and how it ends when it is not quoted. */
interface Separator {
  readonly valueStart: number;
  /** `name=value` (a query parameter, an environment variable): an unquoted value also ends at `&`. */
  readonly isEquals: boolean;
}

/**
 * The separator after a name that ends at `nameEnd`: the closing quote of the name if any (`"`, `\"`, `'` of
 * `b'Authorization'`), a `]` (`headers['cookie']`), blanks, then `:`, `=` or `=>` (an inspected Map), then blanks.
 */
function separatorAfter(text: string, nameEnd: number): Separator | undefined {
  let index = nameEnd + quoteLength(text, nameEnd);
  if (text.charCodeAt(index) === 0x5d) index += 1;
  index = skipBlanks(text, index);
  const code = text.charCodeAt(index);
  let isEquals = false;
  if (code === 0x3a) {
    // `cookie::parse` is code, not a label.
    if (text.charCodeAt(index + 1) === 0x3a) return undefined;
    index += 1;
  } else if (code === 0x3d) {
    index += 1;
    if (text.charCodeAt(index) === 0x3e) index += 1;
    else isEquals = true;
  } else {
    return undefined;
  }
  return { valueStart: skipBlanks(text, index), isEquals };
}

/**
 * Whether a quote at `at` (ending at `after`) closes the text around the value rather than a quote inside it: what
 * follows is the end of the line or of the text, a closing bracket, or `,` and the next key of a JSON document or an
 * inspected object (`, "next":`, `, next:`).
 */
function closesEnclosingText(text: string, after: number): boolean {
  const index = skipBlanks(text, after);
  if (index >= text.length) return true;
  const code = text.charCodeAt(index);
  if (isLineEndCode(code) || code === 0x7d || code === 0x5d || code === 0x29 || code === 0x3e) return true;
  if (isEscapedLineBreak(text, index)) return true;
  if (code !== 0x2c) return false;
  const next = skipBlanks(text, index + 1);
  if (quoteLength(text, next) > 0) return true;
  let nameEnd = next;
  while (nameEnd - next < MAX_NAME_LENGTH && isNameCode(text.charCodeAt(nameEnd))) nameEnd += 1;
  return nameEnd > next && text.charCodeAt(skipBlanks(text, nameEnd)) === 0x3a;
}

/**
 * The end of an unquoted value: a header value (`Cookie: a="x"; b=y` keeps its quotes and `&`s), a query or
 * environment value (`&` ends it unless it is a cookie's). A line break ends it, raw or escaped (`\n` in a
 * JSON-escaped dump), and so does a quote that closes the text the value sits in (a JSON string that holds a header
 * line): only a quote outside any pair the value opened itself can.
 */
function unquotedEnd(text: string, from: number, stopsAtAmpersand: boolean): number {
  let doubleQuotes = 0;
  let singleQuotes = 0;
  let index = from;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (isLineEndCode(code)) return index;
    if (code === AMPERSAND && stopsAtAmpersand) return index;
    if (code === BACKSLASH) {
      if (isEscapedLineBreak(text, index)) return index;
      const length = quoteLength(text, index);
      if (length === 0) {
        index += 1;
        continue;
      }
      const quote = text.charCodeAt(index + length - 1);
      const seen = quote === DOUBLE_QUOTE ? doubleQuotes : singleQuotes;
      if (seen % 2 === 0 && closesEnclosingText(text, index + length)) return index;
      if (quote === DOUBLE_QUOTE) doubleQuotes += 1;
      else singleQuotes += 1;
      index += length;
      continue;
    }
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const seen = code === DOUBLE_QUOTE ? doubleQuotes : singleQuotes;
      if (seen % 2 === 0 && closesEnclosingText(text, index + 1)) return index;
      if (code === DOUBLE_QUOTE) doubleQuotes += 1;
      else singleQuotes += 1;
    }
    index += 1;
  }
  return index;
}

/**
 * The end of a quoted value's content: the first quote of the opener's kind escaped no more than the opener was
 * (`"` inside `"..."` is escaped as `\"`, `\"` inside `\"...\"` as `\\\"`), else the end of the line or of the text
 * (a value cut short).
 */
function quotedEnd(text: string, from: number, quote: number, openerBackslashes: number): number {
  let backslashes = 0;
  for (let index = from; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === BACKSLASH) {
      backslashes += 1;
      continue;
    }
    if (code === quote && backslashes <= openerBackslashes) return index - backslashes;
    if (isLineEndCode(code)) return index;
    backslashes = 0;
  }
  return text.length;
}

/** Redacts the value that starts at `at`; returns where the scan resumes. */
function redactValue(text: string, at: number, stopsAtAmpersand: boolean, output: RedactionOutput): number {
  if (text.startsWith(REDACTED, at)) return at + REDACTED.length;
  const code = text.charCodeAt(at);
  // An array (Node keeps Set-Cookie as one, inspect and JSON print it in brackets) or an object (undici's header
  // map entry `{ name, value }`): all of it, to its first closing bracket or the end of a text cut inside it.
  if (code === 0x5b || code === 0x7b) {
    const close = text.indexOf(code === 0x5b ? ']' : '}', at + 1);
    const end = close === -1 ? text.length : close + 1;
    output.replace(at, end);
    return end;
  }
  let opener = quoteLength(text, at);
  // Python's bytes repr: b'...' or b"...".
  if (opener === 0 && (code === 0x62 || code === 0x42)) {
    const next = text.charCodeAt(at + 1);
    if (next === DOUBLE_QUOTE || next === SINGLE_QUOTE) opener = 2;
  }
  if (opener > 0) {
    const start = at + opener;
    if (text.startsWith(REDACTED, start)) return start + REDACTED.length;
    const quote = text.charCodeAt(start - 1);
    const openerBackslashes = code === 0x62 || code === 0x42 ? 0 : opener - 1;
    const end = quotedEnd(text, start, quote, openerBackslashes);
    output.replace(start, end);
    return Math.max(end, start);
  }
  const end = unquotedEnd(text, at, stopsAtAmpersand);
  output.replace(at, end);
  return end;
}

/** A character of a name, or the `%` of an encoded `-` or `_` in one (`x%2Dbce%2Dsecurity%2Dtoken`). */
function isNameCodeAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return isNameCode(code) || (code === 0x25 && /^(?:2d|5f)$/i.test(text.slice(index + 1, index + 3)));
}

/** Whether `text[start, end)` is a name `names`, also after the `n` of a `\n` escape it is glued to. */
function isLabelName(text: string, start: number, end: number, names: (name: string) => boolean): boolean {
  const name = text.slice(start, end);
  if (names(name)) return true;
  return isEscapeLetter(text, start) && names(name.slice(1));
}

/**
 * Where the scan resumes after a run of name characters that labels nothing: past the run, but at a BCE signature
 * glued inside it (`tokenbce-auth-v1/...`), which is a credential of its own. One search per run keeps it linear.
 */
function resumeInName(text: string, triggerEnd: number, nameEnd: number): number {
  const signature = text.slice(triggerEnd, nameEnd).toLowerCase().indexOf('bce-auth-v1');
  return signature === -1 ? nameEnd : triggerEnd + signature;
}

/**
 * Redacts the value of a credential label around the trigger word at `[at, end)` (`authorization`, `cookie`,
 * `token`, `secret`): a header line, a JSON, inspect or Python pair, a query parameter or an environment variable.
 * Returns where the scan resumes: after the value, or after the name when it labels nothing secret.
 */
export function redactLabelledValue(
  text: string,
  at: number,
  end: number,
  output: RedactionOutput,
  scanStart = 0,
): number {
  // The name around the trigger; a longer run of name characters is not a name (and the bound keeps the walk back
  // constant however many triggers the run holds). The walk stops where the scan resumed: what lies before was
  // another credential's (a signature's hex glued to `-bce-security-token: ...`), and the name starts after it.
  let nameStart = at;
  const lengthFloor = Math.max(0, at - MAX_NAME_LENGTH);
  const floor = Math.max(lengthFloor, scanStart);
  while (nameStart > floor && isNameCodeAt(text, nameStart - 1)) nameStart -= 1;
  let nameEnd = end;
  while (nameEnd < text.length && isNameCodeAt(text, nameEnd)) nameEnd += 1;
  if (nameStart === lengthFloor && lengthFloor > scanStart && isNameCodeAt(text, nameStart - 1)) {
    return resumeInName(text, end, nameEnd);
  }
  if (nameEnd - nameStart > MAX_NAME_LENGTH) return resumeInName(text, end, nameEnd);
  const isWeak = !isLabelName(text, nameStart, nameEnd, isSecretName);
  if (isWeak && !isLabelName(text, nameStart, nameEnd, isWeakSecretName)) return resumeInName(text, end, nameEnd);
  const separator = separatorAfter(text, nameEnd);
  if (separator === undefined) {
    const markup = redactMarkupValue(text, nameStart, nameEnd, output, isWeak);
    if (markup !== undefined || isWeak) return markup ?? resumeInName(text, end, nameEnd);
    // A table or a log column: blanks only between the label and its value. Prose has them too ("the authorization
    // failed"), so only a value that looks like a credential is one; it runs to the end of the line (cookie pairs).
    const valueStart = skipBlanks(text, nameEnd);
    if (valueStart > nameEnd && looksLikeToken(text, valueStart)) return redactValue(text, valueStart, false, output);
    return resumeInName(text, end, nameEnd);
  }
  let { valueStart } = separator;
  FOLD.lastIndex = valueStart;
  if (FOLD.test(text)) valueStart = FOLD.lastIndex;
  if (valueStart >= text.length || isLineEndCode(text.charCodeAt(valueStart))) return valueStart;
  if (isWeak && !looksLikeToken(text, valueStart + quoteLength(text, valueStart))) return valueStart;
  // A cookie's pairs may be joined by `&`; a query parameter's value ends there.
  const isCookie = /cookies?$/i.test(text.slice(nameStart, nameEnd));
  return redactValue(text, valueStart, separator.isEquals && !isCookie, output);
}
