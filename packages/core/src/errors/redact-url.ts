import { isSecretName, isWeakSecretName, REDACTED, redactText } from '../redact.js';

// Query parameter names are compared without case and punctuation, by the same table as labels in free text:
// `x-bce-security-token`, `X_BCE_SECURITY_TOKEN`, `HTTP_X_BCE_SECURITY_TOKEN` and `sessionToken` all name the same
// credential (contract A); other clouds' presigned URLs carry theirs as `...Signature`, `...Credential`, `sig`, `sign`
// or `token`, which in a query are credentials whatever their value.
const squash = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');
// The authority ends at the first `/` (or `\`, which WHATWG reads as one); `?` and `#` do not end it here, so an
// unencoded one in a password leaves nothing of that password behind. The last `@` ends the userinfo. After a special
// scheme WHATWG skips any run of `/` and `\`, even an empty one (`http:ak:sk@host`, `http:/\ak:sk@host` have
// userinfo), and leading spaces and control characters.
const USERINFO = /^([\0- ]*(?:(?:[a-z][a-z0-9+.-]*:)?\/\/|(?:https?|wss?|ftp):[/\\]*))[^/\\]*@/i;
// Each `name=value` after `?`, `&` or `#`: the query, and the fragment, where tokens travel too (`#access_token=`).
// A name holds no `?`, so a run of them is one failed attempt each, not a rescan to the end of the URL per `?`.
const PARAMETER = /([?&#])([^=&#?]*)=[^&#]*/g;

function isSecretParameter(rawName: string): boolean {
  // Percent-decoded without decodeURIComponent, which throws on a malformed escape.
  const name = squash(
    rawName.replace(/%([0-9a-f]{2})/gi, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
  return isSecretName(name) || isWeakSecretName(name);
}

/**
 * A request URL fit to keep on an error: userinfo (`http://ak:sk@host`) and the secret query parameters of a
 * presigned URL (`authorization`, `x-bce-security-token` and its other spellings, signatures) replaced by
 * {@link REDACTED}, then every credential {@link redactText} knows. Works on relative and malformed URLs too: they
 * are what a failed request may have been given. Linear in the URL's length.
 */
export function redactUrl(url: string): string {
  // Most URLs have neither userinfo nor a query: each pattern runs only where its delimiter is.
  const withoutUserinfo = url.includes('@') ? url.replace(USERINFO, `$1${REDACTED}@`) : url;
  const withoutParameters = /[?&#]/.test(withoutUserinfo)
    ? withoutUserinfo.replace(PARAMETER, (pair, separator: string, name: string) =>
        isSecretParameter(name) ? `${separator}${name}=${REDACTED}` : pair,
      )
    : withoutUserinfo;
  return redactText(withoutParameters);
}
