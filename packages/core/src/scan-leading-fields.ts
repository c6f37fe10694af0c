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
        const raw = text.slice(position + 1).replace(/\\(u[0-9a-fA-F]{0,3})?$/, '');
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
