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
 * the last `@` of the authority (`http://ak:sk@host` becomes `http://[REDACTED]@host`), also past a `/` in the
 * password (`http://ak:pa/ss@host`). Returns where the scan resumes.
 */
export function redactUrlUserinfo(text: string, at: number, end: number, output: RedactionOutput): number {
  let schemeStart = at;
  const floor = Math.max(0, at - MAX_SCHEME_LENGTH);
  while (schemeStart > floor && isSchemeCode(text.charCodeAt(schemeStart - 1))) schemeStart -= 1;
  if (schemeStart === at) return end;
  let lastAt = -1;
  let colon = -1;
  let passedSlash = false;
  let index = end;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    // `http://ak:pa/ss@host`: what follows the `:` before the first `/` is no port (not digits, no IPv6 `]`), so it is
    // a password with a slash; the scan goes on to the next stop for its `@`.
    if (code === 0x2f && !passedSlash && lastAt === -1 && colon !== -1) {
      const port = text.slice(colon + 1, index);
      passedSlash = /\D/.test(port) && !port.includes(']');
      if (passedSlash) {
        index += 1;
        continue;
      }
    }
    if (isSpaceOrControlCode(code) || AUTHORITY_STOPS.has(code)) break;
    if (code === 0x40) lastAt = index;
    if (code === 0x3a) colon = index;
    index += 1;
  }
  // The authority holds no `://`, and the scan stops at the second `/`, so no other URL's scan covers these
  // characters: the scan stays linear.
  if (lastAt <= end) return end;
  output.replace(end, lastAt);
  return lastAt + 1;
}
