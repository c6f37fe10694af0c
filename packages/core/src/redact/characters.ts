// Character classes of the redaction scanner, on UTF-16 code units: the scanner reads each character once, so it
// compares codes instead of building substrings or running a pattern per character.

const BACKSLASH = 0x5c;
const MAX_QUOTE_BACKSLASHES = 7;

/** A character of a name: a header, a JSON or query key, an environment variable (`[A-Za-z0-9_-]`). */
export function isNameCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x5f
  );
}

/** A character of a token68 (RFC 9110 11.2), what follows `Bearer ` or `Basic `, without its trailing `=`. */
export function isTokenCode(code: number): boolean {
  return isNameCode(code) || code === 0x2e || code === 0x7e || code === 0x2b || code === 0x2f;
}

// A credential is a long run without spaces, and random text of that length holds a digit; a word of prose, even a
// long one (`internationalization`, `SignatureDoesNotMatch`), does not. The scan reads at most 64 characters.
const MIN_TOKEN_LENGTH = 16;
const MAX_TOKEN_SCAN = 64;

/** Whether the text at `at` looks like a credential: 16 token characters (`=` too, of base64 or a cookie), a digit. */
export function looksLikeToken(text: string, at: number): boolean {
  let hasDigit = false;
  for (let index = at; index - at < MAX_TOKEN_SCAN; index += 1) {
    const code = text.charCodeAt(index);
    if (!isTokenCode(code) && code !== 0x3d) return false;
    if (code >= 0x30 && code <= 0x39) hasDigit = true;
    if (hasDigit && index - at + 1 >= MIN_TOKEN_LENGTH) return true;
  }
  return false;
}

/** A character of a regular-expression word (`\w`): a scheme name must not follow one. */
function isWordCode(code: number): boolean {
  return isNameCode(code) && code !== 0x2d;
}

/** A space or a tab: what may stand between a label, its separator and its value. */
export function isBlankCode(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** CR or LF. */
export function isLineEndCode(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

/** Any ASCII control character or space (a control character never belongs to a credential's text form). */
export function isSpaceOrControlCode(code: number): boolean {
  return code <= 0x20 || code === 0x7f;
}

/** The first index at or after `from` that is not a space or a tab. */
export function skipBlanks(text: string, from: number): number {
  let index = from;
  while (index < text.length && isBlankCode(text.charCodeAt(index))) index += 1;
  return index;
}

/** `"`, `'` or a backtick. */
function isQuoteCode(code: number): boolean {
  return code === 0x22 || code === 0x27 || code === 0x60;
}

/**
 * The length of the quote at `at`, escaped any number of times up to 7 (`"`, `\"`, `\\\"` in JSON inside JSON), or
 * 0 when there is none.
 */
export function quoteLength(text: string, at: number): number {
  let index = at;
  while (index - at < MAX_QUOTE_BACKSLASHES && text.charCodeAt(index) === BACKSLASH) index += 1;
  return isQuoteCode(text.charCodeAt(index)) ? index - at + 1 : 0;
}

/** Whether `at` starts the two characters `\n` or `\r` of an escaped line break (a JSON-escaped header dump). */
export function isEscapedLineBreak(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== BACKSLASH) return false;
  const next = text.charCodeAt(at + 1);
  return next === 0x6e || next === 0x72;
}

/**
 * Whether `at` starts a word: the text begins there, or the character before is not a word character, or it is the
 * letter of an escape (`\n`, `\r`, `\t`) that a JSON-escaped dump puts before each line.
 */
export function isWordStart(text: string, at: number): boolean {
  if (at === 0 || !isWordCode(text.charCodeAt(at - 1))) return true;
  return isEscapeLetter(text, at - 1);
}

/** Whether the character at `at` is the `n`, `r` or `t` of a backslash escape. */
export function isEscapeLetter(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return (code === 0x6e || code === 0x72 || code === 0x74) && at > 0 && text.charCodeAt(at - 1) === BACKSLASH;
}

/** The UTF-16 codes of the characters of `characters`, for membership tests. */
export function codeSet(characters: string): ReadonlySet<number> {
  return new Set(Array.from({ length: characters.length }, (_unused, index) => characters.charCodeAt(index)));
}
