/** What replaces a credential wherever one is found. */
export const REDACTED = '[REDACTED]';

/** Header names whose values are credentials (lower case). */
export const SENSITIVE_HEADER_NAMES: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'x-bce-security-token',
  'cookie',
  'set-cookie',
];

// One pass per pattern; each pattern is anchored on a literal so a string without credentials is only scanned.
const CREDENTIAL_PATTERNS: readonly [RegExp, string][] = [
  // The BCE signature itself, wherever it travels: a header dump, a query string, a JSON document.
  // The lookahead keeps an already redacted signature as it is, so redacting twice (fromJSON) changes nothing.
  [/bce-auth-v1\/(?!\[REDACTED\])[^\s"'&,;}\]]*/gi, `bce-auth-v1/${REDACTED}`],
  // An array value: Node keeps `set-cookie` (and any repeated header) as an array, and util.inspect and JSON print it
  // in brackets. The whole array goes (to the end of a text cut inside it, such as a body snippet); it runs before
  // the next pattern, which would stop at the first quote.
  [
    /\b(authorization|proxy-authorization|x-bce-security-token|set-cookie|cookie)(["']?\s*[:=]\s*)\[(?!REDACTED\])[^\]]*(?:\]|$)/gi,
    `$1$2${REDACTED}`,
  ],
  // `Name: value` header lines, `"name":"value"` JSON pairs and `name=value` query parameters. The lookahead skips
  // spaces and quotes too: the separator group can backtrack, and `Cookie: [REDACTED]; more` must stay as it is.
  [
    /\b(authorization|proxy-authorization|x-bce-security-token|set-cookie|cookie)(["']?\s*[:=]\s*["']?)(?![\s"']*\[REDACTED\])[^"'\r\n&]*/gi,
    `$1$2${REDACTED}`,
  ],
  [/\b(Bearer|Basic)\s+(?!\[REDACTED\])[A-Za-z0-9._~+/-]+=*/g, `$1 ${REDACTED}`],
  // URL userinfo (`http://ak:sk@host/`), as a client's own error text repeats it (undici: "Request cannot be
  // constructed from a URL that includes credentials: http://ak:sk@..."). Each match stops at the first `/`, `@` or
  // space after the scheme, so the scan stays linear.
  [/\b([a-z][a-z0-9+.-]*:\/\/)(?!\[REDACTED\]@)[^\s/?#@"'<>]+@/gi, `$1${REDACTED}@`],
];

// A text none of the patterns above can match is returned after this one scan. Each pattern needs one of these
// words (`bce-auth-v1` and `authorization` contain `auth`, `x-bce-security-token` contains `token`, userinfo an `@`); the shorter
// alternatives make the scan of a long message about a third faster than spelling out the full names.
const QUICK_CHECK = /auth|token|cookie|bearer|basic|@/i;

/**
 * Removes credentials (BCE signatures, security tokens, cookies, bearer tokens, presigned `authorization`
 * query parameters) from free text such as a message, a stack or a URL.
 */
export function redactText(text: string): string {
  if (!QUICK_CHECK.test(text)) return text;
  let result = text;
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) {
    result = result.replace(pattern, replacement);
  }
  return result;
}

/** Whether a header name carries a credential. */
export function isSensitiveHeaderName(name: string): boolean {
  return SENSITIVE_HEADER_NAMES.includes(name.toLowerCase());
}
