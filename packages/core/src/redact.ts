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
  [/bce-auth-v1\/[^\s"'&,;}\]]*/gi, `bce-auth-v1/${REDACTED}`],
  // `Name: value` header lines, `"name":"value"` JSON pairs and `name=value` query parameters.
  [
    /\b(authorization|proxy-authorization|x-bce-security-token|set-cookie|cookie)(["']?\s*[:=]\s*["']?)(?!\[REDACTED\])[^"'\r\n&]*/gi,
    `$1$2${REDACTED}`,
  ],
  [/\b(Bearer|Basic)\s+(?!\[REDACTED\])[A-Za-z0-9._~+/-]+=*/g, `$1 ${REDACTED}`],
];

const QUICK_CHECK = /bce-auth-v1|authorization|security-token|cookie|bearer|basic/i;

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
