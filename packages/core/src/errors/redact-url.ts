import { REDACTED, redactText, SENSITIVE_HEADER_NAMES } from '../redact.js';

// Query parameter names are compared without case and punctuation: `x-bce-security-token`, `X_BCE_SECURITY_TOKEN`,
// `HTTP_X_BCE_SECURITY_TOKEN` and `sessionToken` all name the same credential (contract A).
const squash = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const SECRET_NAMES = new Set(SENSITIVE_HEADER_NAMES.map(squash));
const SECRET_NAME_END = /(?:securitytoken|sessiontoken|signature)$/;
// The authority ends at the first `/` (or `\`, which WHATWG reads as one); `?` and `#` do not end it here, so an
// unencoded one in a password leaves nothing of that password behind. The last `@` ends the userinfo.
const USERINFO = /^((?:[a-z][a-z0-9+.-]*:)?\/\/)[^/\\]*@/i;
// Each `name=value` after `?`, `&` or `#`: the query, and the fragment, where tokens travel too (`#access_token=`).
const PARAMETER = /([?&#])([^=&#]*)=[^&#]*/g;

function isSecretName(rawName: string): boolean {
  // Percent-decoded without decodeURIComponent, which throws on a malformed escape.
  const name = squash(
    rawName.replace(/%([0-9a-f]{2})/gi, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
  return SECRET_NAMES.has(name) || SECRET_NAME_END.test(name);
}

/**
 * A request URL fit to keep on an error: userinfo (`http://ak:sk@host`) and the secret query parameters of a
 * presigned URL (`authorization`, `x-bce-security-token` and its other spellings, signatures) replaced by
 * {@link REDACTED}, then every credential {@link redactText} knows. Works on relative and malformed URLs too: they
 * are what a failed request may have been given. Linear in the URL's length.
 */
export function redactUrl(url: string): string {
  return redactText(
    url
      .replace(USERINFO, `$1${REDACTED}@`)
      .replace(PARAMETER, (pair, separator: string, name: string) =>
        isSecretName(name) ? `${separator}${name}=${REDACTED}` : pair,
      ),
  );
}
