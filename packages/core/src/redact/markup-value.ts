import { looksLikeToken } from './characters.js';
import { REDACTED } from './redacted.js';
import type { RedactionOutput } from './redaction-output.js';

// Separators are sticky patterns tried at one index only: each has one unbounded run (of whitespace, which holds no
// trigger word) and attributes bounded to 64 characters, so a failed attempt reads at most that run once; a value's
// end is searched once, and the scan resumes there. What must precede the name is tested on its last 12 characters.
const NAMED_BY_ATTRIBUTE = /name["']?\s*[:=]\s*["']$/i;
// [the separator after the name, where the value ends, what the name must follow if anything]
const LAYOUTS: readonly (readonly [RegExp, RegExp, RegExp?])[] = [
  // `<td>cookie</td><td>`, `<th>Cookie</th>\n  <td class="v">`, `<dt>cookie</dt><dd>`: a table row or a definition
  // list pairs the name, a whole cell, with its value, which runs to the next tag.
  [/\s*<\/(?:t[dh]|dt)>\s*<(?:t[dh]|dd)(?:\s[^<>]{0,64})?>\s*/iy, /[<\r\n]/g, />$/],
  // An element named for the credential: `<x-bce-security-token>`, `<SessionToken xmlns="...">`, not `<x/>`.
  [/(?:\s[^<>]{0,63}[^<>/])?>\s*/y, /[<\r\n]/g, /<$/],
  // An attribute or key names it, and another holds the value: `<header name='Authorization' value='...'/>`, a HAR
  // or undici entry `{"name":"Cookie","value":"..."}`; or the element's text does: `<Header name="cookie">...`.
  [/["'][^<>{}]{0,64}?\bvalue["']?\s*[:=]\s*["']/iy, /["'\\\r\n]/g, NAMED_BY_ATTRIBUTE],
  [/["'](?:\s[^<>]{0,63}[^<>/])?>\s*/y, /[<\r\n]/g, NAMED_BY_ATTRIBUTE],
  // A numeric entity for the separator (`Authorization&#58; `, `&#x3a;`, `&#61;`), to an encoded line break or the
  // end of the element or attribute.
  [/&#(?:58|61|x0*3[ad]);[ \t]*/iy, /&#(?:1[03]|x0*[ad]);|[<\r\n"]/gi],
  // HTML-escaped JSON: `&quot;:&quot;`, `&#34;: &#34;`, to the closing entity.
  [/(?:&quot;|&#34;)[ \t]*[:=][ \t]*(?:&quot;|&#34;)?/iy, /&quot;|&#34;|[<\r\n]/gi],
  // A pair percent-encoded in a query (a presigned URL inside another URL's): `%3D` or `%3A`, to an encoded `&` or
  // line break.
  [/%3[ad]/iy, /%(?:26|0[ad])|[&\s"'<>#]/gi],
];

/**
 * Redacts the value of a credential name at `[nameStart, nameEnd)` that no `:` or `=` follows: the name is a whole
 * table cell or definition term (`<td>cookie</td><td>...`), an element's name (`<x-bce-security-token>...`), a `name`
 * attribute or key (`<Header name="cookie">...`, `{"name":"Cookie","value":"..."}`), a key of HTML-escaped JSON
 * (`&quot;cookie&quot;:&quot;...`), followed by a numeric entity (`cookie&#58; ...`), or percent-encoded
 * (`x-bce-security-token%3D...`).
 * Returns where the scan resumes, or undefined when the name is in none of these layouts. A weak name's value
 * (`<td>token</td>`) must look like a credential.
 */
export function redactMarkupValue(
  text: string,
  nameStart: number,
  nameEnd: number,
  output: RedactionOutput,
  isWeak: boolean,
): number | undefined {
  for (const [separator, valueEnd, before] of LAYOUTS) {
    if (before?.test(text.slice(Math.max(0, nameStart - 12), nameStart)) === false) continue;
    separator.lastIndex = nameEnd;
    if (!separator.test(text)) continue;
    const valueStart = separator.lastIndex;
    if (text.startsWith(REDACTED, valueStart)) return valueStart + REDACTED.length;
    if (isWeak && !looksLikeToken(text, valueStart)) return valueStart;
    valueEnd.lastIndex = valueStart;
    const end = valueEnd.exec(text)?.index ?? text.length;
    output.replace(valueStart, end);
    return end;
  }
  return undefined;
}
