import { codeSet, isSpaceOrControlCode } from './characters.js';
import type { RedactionOutput } from './redaction-output.js';

const MAX_SCHEME_LENGTH = 32;
// What ends an authority in free text: a path, a query or a fragment, a quote, a bracket of markup, a space.
const AUTHORITY_STOPS = codeSet('/\\?#"\'`<>');

function isSchemeCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2b ||
    code === 0x2e ||
    code === 0x2d
  );
}

/**
 * Redacts the userinfo of a URL whose `://` (or JSON-escaped `:\/\/`) is at `[at, end)`: everything from there to
 * the last `@` of the authority (`http://ak:sk@host` becomes `http://[REDACTED]@host`). Returns where the scan
 * resumes.
 */
export function redactUrlUserinfo(text: string, at: number, end: number, output: RedactionOutput): number {
  let schemeStart = at;
  const floor = Math.max(0, at - MAX_SCHEME_LENGTH);
  while (schemeStart > floor && isSchemeCode(text.charCodeAt(schemeStart - 1))) schemeStart -= 1;
  if (schemeStart === at) return end;
  let lastAt = -1;
  let index = end;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (isSpaceOrControlCode(code) || AUTHORITY_STOPS.has(code)) break;
    if (code === 0x40) lastAt = index;
    index += 1;
  }
  // The authority holds no `://`, so no other URL's scan covers these characters: the scan stays linear.
  if (lastAt <= end) return end;
  output.replace(end, lastAt);
  return lastAt + 1;
}
