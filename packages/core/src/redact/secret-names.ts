/** Header names whose values are credentials (lower case). */
export const SENSITIVE_HEADER_NAMES: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'x-bce-security-token',
  'cookie',
  'set-cookie',
];

/** Whether a header name carries a credential. */
export function isSensitiveHeaderName(name: string): boolean {
  return SENSITIVE_HEADER_NAMES.includes(name.toLowerCase());
}

// Compared without case and punctuation, by their end: the header names above, their CGI spellings
// (`HTTP_AUTHORIZATION`, `REDIRECT_HTTP_AUTHORIZATION`, `HTTP_X_BCE_SECURITY_TOKEN`, `HTTP_COOKIE`), the SDKs' keys
// (`sessionToken`, `session_token`, `securityToken`, `secret_access_key`) and OAuth's tokens (contract A).
const SECRET_NAME_ENDINGS = [
  'authorization',
  'cookie',
  'cookies',
  'securitytoken',
  'sessiontoken',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'authtoken',
  'secretaccesskey',
  'secretkey',
] as const;

// Names that label a credential in a signed request or a presigned URL (a bare `token`, Azure's `sig`, `sign`,
// `X-Amz-Signature`, `X-Amz-Credential`) but are words of prose too ("the token expired", "signature: mismatch"): in
// free text only a value that looks like a credential is one.
const WEAK_NAMES = /^(?:token|sig|sign)$|signature$|credential$/;

// Longer names are not credential names: the bound keeps the look-up constant per name.
const MAX_NAME_LENGTH = 64;

// Also without `-` and `_` percent-encoded (`x%2Dbce%2Dsecurity%2Dtoken`).
const squash = (name: string): string => name.toLowerCase().replace(/%2d|%5f|[-_]/g, '');

/**
 * Whether a name (a header, a JSON or query key, an environment variable) labels a credential. Case, `-` and `_`
 * (also as `%2D`, `%5F`) are ignored: `X_BCE_SECURITY_TOKEN`, `x-bce-security-token` and `securityToken` all do.
 */
export function isSecretName(name: string): boolean {
  if (name.length > MAX_NAME_LENGTH) return false;
  const squashed = squash(name);
  return SECRET_NAME_ENDINGS.some((ending) => squashed.endsWith(ending));
}

/** Whether a name labels a credential only when its value looks like one (see WEAK_NAMES); compared as above. */
export function isWeakSecretName(name: string): boolean {
  return name.length <= MAX_NAME_LENGTH && WEAK_NAMES.test(squash(name));
}
