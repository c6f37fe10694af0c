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
// (`sessionToken`, `session_token`, `securityToken`, `stsToken`, `sts_token` of the CLI's credentials file,
// `secret_access_key`), OAuth's tokens (contract A) and `client_secret` (the secret key Baidu AI Cloud's token
// endpoint takes).
const SECRET_NAME_ENDINGS = [
  'authorization',
  'cookie',
  'cookies',
  'securitytoken',
  'ststoken',
  'sessiontoken',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'authtoken',
  'secretaccesskey',
  'secretkey',
  'clientsecret',
] as const;

// Names that label a credential in a signed request or a presigned URL (a bare `token`, Azure's `sig`, `sign`,
// `X-Amz-Signature`, `X-Amz-Credential`) or a secret key (`sk` of the BCE JS SDK's `{ ak, sk }` and the CLI's
// credentials file, `BCE_SK`) but are words of prose or short keys too ("the token expired", "signature: mismatch",
// `sk: 1`): in free text only a value that looks like a credential is one.
const WEAK_NAMES = /^(?:token|sig|sign|(?:bce)?sk)$|signature$|credential$/;

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
