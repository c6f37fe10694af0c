import { codeSet, isSpaceOrControlCode } from './characters.js';
import type { RedactionOutput } from './redaction-output.js';

const MAX_SCHEME_LENGTH = 32;
const MAX_PORT = 65535;
// What ends an authority in free text: a path, a query or a fragment, a quote, a bracket of markup, a space.
const AUTHORITY_STOPS = codeSet('/\\?#"\'`<>');

/**
 * Whether what follows the last `:` before the first `/` of an authority can be a port: up to 5 digits and at most
 * 65535 (`:123456/`, `:99999/` are a password's), or it is inside an IPv6 host (`]`).
 */
function canBePort(text: string): boolean {
  return text.includes(']') || (/^\d{0,5}$/.test(text) && Number(text) <= MAX_PORT);
}

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
    // `http://ak:pa/ss@host`, `http://ak:123456/@host`: what follows the `:` before the first `/` is no port, so it is
    // a password with a slash; the scan goes on to the next stop for its `@`.
    if (code === 0x2f && !passedSlash && lastAt === -1 && colon !== -1) {
      passedSlash = !canBePort(text.slice(colon + 1, index));
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
