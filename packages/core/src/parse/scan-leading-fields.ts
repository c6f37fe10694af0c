/** What kind of JSON value a top-level member holds. */
export type MemberKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

/** One top-level member of a JSON object, in body order (duplicates kept, as a stream decoder sees them). */
export interface ObjectMember {
  /** The key, decoded. */
  key: string;
  kind: MemberKind;
  /** A string value decoded; any other value as its JSON text (`404`, `true`, `{"a":1}`). */
  value: string;
}

/** The top-level members found at the start of a JSON object, whole or cut short. */
interface LeadingFields {
  /** The members whose value was read whole, in body order. */
  members: ObjectMember[];
  /** The key and the readable start of the string value that the text ended inside, if any. */
  partial?: { key: string; value: string };
  /** Index just past the closing `}` of the object, or -1 when the text ended (or broke) before it. */
  end: number;
  /**
   * A whole object holds a member value the scan did not check (a nested object or array, or a number or literal
   * it could not confirm): only `JSON.parse` of `text.slice(start, end)` says whether the object is valid. False
   * when every key and value was checked as it was read, so the object is valid JSON as it is.
   */
  unchecked?: boolean;
  /** How many levels the deepest member value nests (1 for `[]` or `{}`), where a member is a nested value. */
  nesting?: number;
}

/** Whether a character code is JSON whitespace (space, tab, line feed, carriage return). */
export function isJsonWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** The index of the first character at or after `index` that is not JSON whitespace. */
export function skipWhitespace(text: string, index: number): number {
  let position = index;
  while (position < text.length && isJsonWhitespace(text.charCodeAt(position))) position += 1;
  return position;
}

// Whether the string `endOfString` last found holds neither an escape nor a control character, so its text between
// the quotes is its value: most keys and values of an error body are such, and need no `JSON.parse` of their own.
let lastStringIsPlain = false;

/** Index just past the closing quote of the string starting at `start` (a quote), or -1 if it never closes. */
function endOfString(text: string, start: number): number {
  let position = start + 1;
  let plain = true;
  while (position < text.length) {
    const character = text.charCodeAt(position);
    if (character === 0x5c) {
      plain = false;
      position += 2;
    } else if (character === 0x22) {
      lastStringIsPlain = plain;
      return position + 1;
    } else {
      if (character < 0x20) plain = false;
      position += 1;
    }
  }
  return -1;
}

/** The value of the string literal `text.slice(start, end)` that `endOfString` just found; `undefined` if invalid. */
function stringValue(text: string, start: number, end: number): string | undefined {
  return lastStringIsPlain ? text.slice(start + 1, end - 1) : decodeStringLiteral(text.slice(start, end));
}

// A JSON number (RFC 8259 section 6), the whole text.
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Whether a scalar's text, as `endOfValue` delimited it, is valid JSON by itself. */
function isValidScalar(kind: MemberKind, value: string): boolean {
  if (kind === 'number') return JSON_NUMBER.test(value);
  if (kind === 'boolean') return value === 'true' || value === 'false';
  return kind === 'null' && value === 'null';
}

// The deepest nesting `endOfValue` met since `scanLeadingFields` started: Go's decoder fails past 10,000 levels.
let deepestNesting = 0;

/**
 * Index just past a non-string value starting at `start` (number, literal, nested object or array), or -1 if the
 * text ends first. Nesting is counted, not recursed into, so any depth takes linear time and no stack.
 */
function endOfValue(text: string, start: number): number {
  let depth = 0;
  let position = start;
  while (position < text.length) {
    const character = text.charCodeAt(position);
    if (character === 0x22) {
      const end = endOfString(text, position);
      if (end === -1) return -1;
      position = end;
      if (depth === 0) return position;
      continue;
    }
    if (character === 0x7b || character === 0x5b) {
      depth += 1;
      if (depth > deepestNesting) deepestNesting = depth;
    } else if (character === 0x7d || character === 0x5d) {
      if (depth === 0) return position;
      depth -= 1;
      if (depth === 0) return position + 1;
    } else if (depth === 0 && (character === 0x2c || isJsonWhitespace(character))) return position;
    position += 1;
  }
  // A scalar that runs to the end of the text may be cut (`12` of `123`): not read whole.
  return -1;
}

function kindOf(first: number): MemberKind {
  if (first === 0x7b) return 'object';
  if (first === 0x5b) return 'array';
  if (first === 0x74 || first === 0x66) return 'boolean';
  if (first === 0x6e) return 'null';
  return 'number';
}

function isEscapeStart(text: string, index: number): boolean {
  // A backslash starts an escape when an even number of backslashes precede it: in `a\\\\` the last one does not.
  let count = 0;
  while (index - count >= 0 && text.charCodeAt(index - count) === 0x5c) count += 1;
  return count % 2 === 1;
}

/** Drops an escape the cut fell inside (a lone `\`, `\u`, `\u0`..`\u000`) from the end of a string's raw text. */
function dropCutEscape(raw: string): string {
  const unicode = /\\u[0-9a-fA-F]{0,3}$/.exec(raw.slice(-5));
  if (unicode !== null) {
    const start = raw.length - unicode[0].length;
    if (isEscapeStart(raw, start)) return raw.slice(0, start);
  }
  return raw.endsWith('\\') && isEscapeStart(raw, raw.length - 1) ? raw.slice(0, -1) : raw;
}

function decodeStringLiteral(literal: string): string | undefined {
  try {
    const decoded: unknown = JSON.parse(literal);
    return typeof decoded === 'string' ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** The object ended (or broke) before its closing `}`: the members read whole, and the string value cut, if any. */
function cutShort(members: ObjectMember[], partial?: LeadingFields['partial']): LeadingFields {
  return partial === undefined ? { members, end: -1 } : { members, partial, end: -1 };
}

/**
 * Reads the top-level members of the JSON object that starts at `start` (a `{`) in body order, keeping duplicate
 * keys, string values decoded and other values as their JSON text (contract P2, P8). When the text ends inside the
 * object (a body cut at `maxErrorBodyBytes`, P12), the members read whole are returned, and the start of the string
 * value the cut fell inside. Linear in the input and iterative, so a hostile body cannot make it recurse or
 * backtrack. It does not validate nested values: a caller that needs the whole object valid checks
 * `text.slice(start, end)` with `JSON.parse`.
 */
export function scanLeadingFields(text: string, start = skipWhitespace(text, 0)): LeadingFields | undefined {
  deepestNesting = 0;
  const scan = scanMembers(text, start);
  if (scan !== undefined && deepestNesting > 0) scan.nesting = deepestNesting;
  return scan;
}

function scanMembers(text: string, start: number): LeadingFields | undefined {
  if (text.charCodeAt(start) !== 0x7b) return undefined;
  const members: ObjectMember[] = [];
  let unchecked = false;
  let position = skipWhitespace(text, start + 1);
  if (text.charCodeAt(position) === 0x7d) return { members, end: position + 1, unchecked };
  for (;;) {
    if (text.charCodeAt(position) !== 0x22) return cutShort(members);
    const keyEnd = endOfString(text, position);
    if (keyEnd === -1) return cutShort(members);
    const key = stringValue(text, position, keyEnd);
    if (key === undefined) return cutShort(members);
    position = skipWhitespace(text, keyEnd);
    if (text.charCodeAt(position) !== 0x3a) return cutShort(members);
    position = skipWhitespace(text, position + 1);
    const first = text.charCodeAt(position);
    if (first === 0x22) {
      const valueEnd = endOfString(text, position);
      if (valueEnd === -1) {
        // The text ends inside this string: keep what decodes, dropping a half-written escape at the end.
        const raw = dropCutEscape(text.slice(position + 1));
        return cutShort(members, { key, value: decodeStringLiteral(`"${raw}"`) ?? '' });
      }
      const value = stringValue(text, position, valueEnd);
      if (value === undefined) return cutShort(members);
      members.push({ key, kind: 'string', value });
      position = valueEnd;
    } else {
      const valueEnd = endOfValue(text, position);
      if (valueEnd === -1 || valueEnd === position) return cutShort(members);
      const kind = kindOf(first);
      const value = text.slice(position, valueEnd);
      if (!unchecked && !isValidScalar(kind, value)) unchecked = true;
      members.push({ key, kind, value });
      position = valueEnd;
    }
    position = skipWhitespace(text, position);
    const separator = text.charCodeAt(position);
    if (separator === 0x7d) return { members, end: position + 1, unchecked };
    if (separator !== 0x2c) return cutShort(members);
    position = skipWhitespace(text, position + 1);
  }
}
