/** The top-level string fields found at the start of a JSON object that was cut short. */
export interface LeadingFields {
  /** Fields whose value was read whole, by key as written. */
  complete: Record<string, string>;
  /** The key and the readable start of the string value that the cut fell inside, if any. */
  partial?: { key: string; value: string };
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

function skipWhitespace(text: string, index: number): number {
  let position = index;
  while (position < text.length && WHITESPACE.has(text.charAt(position))) position += 1;
  return position;
}

/** Index just past the closing quote of the string starting at `start` (a quote), or -1 if it never closes. */
function endOfString(text: string, start: number): number {
  let position = start + 1;
  while (position < text.length) {
    const character = text.charCodeAt(position);
    if (character === 0x5c) position += 2;
    else if (character === 0x22) return position + 1;
    else position += 1;
  }
  return -1;
}

/** Index just past a non-string value (number, literal, nested object or array), or -1 if it never ends. */
function endOfValue(text: string, start: number): number {
  let depth = 0;
  let position = start;
  while (position < text.length) {
    const character = text.charAt(position);
    if (character === '"') {
      const end = endOfString(text, position);
      if (end === -1) return -1;
      position = end;
      continue;
    }
    if (character === '{' || character === '[') depth += 1;
    else if (character === '}' || character === ']') {
      if (depth === 0) return position;
      depth -= 1;
      if (depth === 0) return position + 1;
    } else if (character === ',' && depth === 0) return position;
    position += 1;
  }
  return -1;
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

/**
 * Reads the leading top-level fields of a JSON object whose text was cut at `maxErrorBodyBytes` (contract P12):
 * string values read whole are returned, and the start of the value the cut fell inside. Linear in the input and
 * iterative, so a hostile body cannot make it recurse or backtrack. Returns `undefined` when the text does not
 * start like a JSON object.
 */
export function scanLeadingFields(text: string): LeadingFields | undefined {
  let position = skipWhitespace(text, 0);
  if (text.charAt(position) !== '{') return undefined;
  position += 1;
  const complete: Record<string, string> = Object.create(null) as Record<string, string>;
  for (;;) {
    position = skipWhitespace(text, position);
    if (text.charAt(position) !== '"') return { complete };
    const keyEnd = endOfString(text, position);
    if (keyEnd === -1) return { complete };
    const key = decodeStringLiteral(text.slice(position, keyEnd));
    if (key === undefined) return { complete };
    position = skipWhitespace(text, keyEnd);
    if (text.charAt(position) !== ':') return { complete };
    position = skipWhitespace(text, position + 1);
    if (text.charAt(position) === '"') {
      const valueEnd = endOfString(text, position);
      if (valueEnd === -1) {
        // The cut fell inside this string: keep what decodes, dropping a half-written escape at the end.
        const raw = dropCutEscape(text.slice(position + 1));
        return { complete, partial: { key, value: decodeStringLiteral(`"${raw}"`) ?? '' } };
      }
      const value = decodeStringLiteral(text.slice(position, valueEnd));
      if (value !== undefined && !(key in complete)) complete[key] = value;
      position = valueEnd;
    } else {
      const valueEnd = endOfValue(text, position);
      if (valueEnd === -1) return { complete };
      position = valueEnd;
    }
    position = skipWhitespace(text, position);
    if (text.charAt(position) !== ',') return { complete };
    position += 1;
  }
}
