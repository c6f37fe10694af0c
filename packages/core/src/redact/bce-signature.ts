import { codeSet, isSpaceOrControlCode } from './characters.js';
import { REDACTED } from './redacted.js';
import type { RedactionOutput } from './redaction-output.js';

// bce-auth-v1/{accessKeyId}/{timestamp}/{expirationSeconds}/{signedHeaders}/{signature}: five segments after the
// prefix. The signed headers are joined by `;` (`host;x-bce-date`), so `;` belongs to a segment when a segment
// character follows it; the signature is hex, so the fifth segment ends at the first character that is not a name
// character (`; RequestId: ...` of a java message, `"` of JSON, `&` of a query string).
// A Qianfan API key, bce-v3/{keyId}/{secret}, has two.
const SIGNATURE_SEGMENTS = 5;
const API_KEY_SEGMENTS = 2;
const SEMICOLON = 0x3b;

// Characters that end a segment wherever they appear: spaces and controls, quotes, and the delimiters of the texts
// a signature travels in (a query string, JSON, a header list, HTML, a path).
const SEGMENT_STOPS = codeSet('"\'`&,<>{}[]()\\/|;');

/**
 * The length of a segment separator at `at`: `/`, `%2F` (a query parameter), `\/` or `\u002F` (JSON that escapes
 * slashes, once or more), or 0.
 */
function separatorLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code === 0x2f) return 1;
  if (code === 0x25) {
    const last = text.charCodeAt(at + 2);
    return text.charCodeAt(at + 1) === 0x32 && (last === 0x46 || last === 0x66) ? 3 : 0;
  }
  let index = at;
  while (index - at < 4 && text.charCodeAt(index) === 0x5c) index += 1;
  if (index === at) return 0;
  if (text.charCodeAt(index) === 0x2f) return index - at + 1;
  // `\u002F`: JSON that escapes every slash as a code point.
  return /^u002f/i.test(text.slice(index, index + 5)) ? index - at + 5 : 0;
}

function isAlphanumericCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
}

function isSegmentCode(code: number): boolean {
  return !isSpaceOrControlCode(code) && !SEGMENT_STOPS.has(code);
}

/** The end of the segment that starts at `from`. */
function segmentEnd(text: string, from: number, isSignature: boolean): number {
  let index = from;
  if (isSignature) {
    // Hex in every real signature: a `-` or `_` after it starts the next word (a label glued on, `...SIGx-bce-
    // security-token: ...`), which the scan must still see.
    while (index < text.length && isAlphanumericCode(text.charCodeAt(index))) index += 1;
    return index;
  }
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x25 && separatorLength(text, index) > 0) break;
    if (isSegmentCode(code) || (code === SEMICOLON && isSegmentCode(text.charCodeAt(index + 1)))) index += 1;
    else break;
  }
  return index;
}

/**
 * Redacts the BCE signature whose `bce-auth-v1` prefix ends at `prefixEnd`, or the API key whose `bce-v3` prefix
 * does (`isApiKey`): everything after the first separator through the signature or the key's secret, so
 * `bce-auth-v1/[REDACTED]` is what remains. A text cut inside the signature loses what is there; a bare prefix gets
 * the marker too. Returns where the scan resumes.
 */
export function redactBceSignature(text: string, prefixEnd: number, output: RedactionOutput, isApiKey = false): number {
  const segments = isApiKey ? API_KEY_SEGMENTS : SIGNATURE_SEGMENTS;
  const first = separatorLength(text, prefixEnd);
  if (first === 0) return prefixEnd;
  const start = prefixEnd + first;
  if (text.startsWith(REDACTED, start)) return start + REDACTED.length;
  let index = start;
  for (let segment = 1; segment <= segments; segment += 1) {
    index = segmentEnd(text, index, segment === segments);
    if (segment === segments) break;
    const separator = separatorLength(text, index);
    if (separator === 0) break;
    index += separator;
  }
  // Even when nothing follows the prefix (a text cut there), so no redacted text holds a bare `bce-auth-v1/`.
  output.replaceOrMark(start, index);
  return Math.max(index, start);
}
