import { createHash } from 'node:crypto';

/** Where a secret travels: on the request the caller sends, or back from the server in its answer. */
type SecretCarrier = 'request' | 'server echo';

/** One sentinel: a value found nowhere else, so a hit names exactly where it came from. */
export interface Sentinel {
  /** What carries it, e.g. `request Authorization signature`. */
  readonly name: string;
  readonly carrier: SecretCarrier;
  /** The secret itself, the text a rendering must never hold. */
  readonly value: string;
}

/** 64 lower-case hex digits, as in a real signature, unique per label. */
function signatureHex(label: string): string {
  return createHash('sha256').update(`bce-errors leak audit: ${label}`).digest('hex');
}

/** A unique token-like value (letters and digits only, so it survives every encoding step unchanged in length). */
function tokenValue(label: string): string {
  return `${label.replace(/[^A-Za-z0-9]/gu, '')}${signatureHex(label).slice(0, 24)}`;
}

/** A real-format BCE signature with signed headers: `bce-auth-v1/{ak}/{timestamp}/1800/host;x-bce-date/{hex}`. */
export function bceSignature(accessKey: string, hex: string): string {
  return `bce-auth-v1/${accessKey}/2026-12-01T00:00:00Z/1800/host;x-bce-date/${hex}`;
}

function sentinel(name: string, carrier: SecretCarrier, value: string): Sentinel {
  return { name, carrier, value };
}

/** Every secret of the corpus, each unique. */
export const SECRETS = {
  // What the caller sends.
  authorizationSignature: sentinel('request Authorization signature', 'request', signatureHex('authorization')),
  securityToken: sentinel('request x-bce-security-token', 'request', tokenValue('StsToken')),
  cookie: sentinel('request Cookie value', 'request', tokenValue('CookieSession')),
  proxyAuthorization: sentinel(
    'request Proxy-Authorization credentials',
    'request',
    Buffer.from(`proxyuser:${tokenValue('ProxyPassword')}`).toString('base64'),
  ),
  userinfoPassword: sentinel('request URL userinfo password', 'request', tokenValue('UserinfoSecret')),
  presignedSignature: sentinel('request presigned ?authorization= signature', 'request', signatureHex('presigned')),
  crlfToken: sentinel('request security token holding CR/LF', 'request', tokenValue('CrlfToken')),
  // What the server echoes back.
  bodyJsonSignature: sentinel('echo: signature in a JSON message', 'server echo', signatureHex('json message')),
  bodyJsonToken: sentinel('echo: security token in a JSON message', 'server echo', tokenValue('JsonMessageToken')),
  dumpSignature: sentinel('echo: Authorization in an escaped header dump', 'server echo', signatureHex('dump')),
  dumpCookie: sentinel('echo: Cookie in an escaped header dump', 'server echo', tokenValue('DumpCookie')),
  dumpToken: sentinel('echo: security token in an escaped header dump', 'server echo', tokenValue('DumpToken')),
  // Label variants a server or proxy writes credentials with.
  digestResponse: sentinel(
    'echo: Digest response= in a JSON message',
    'server echo',
    signatureHex('digest').slice(0, 32),
  ),
  lowercaseBearer: sentinel('echo: lowercase bearer token in a JSON message', 'server echo', tokenValue('BearerToken')),
  sessionToken: sentinel('echo: sessionToken in a JSON message', 'server echo', tokenValue('SessionToken')),
  pythonBytesToken: sentinel(
    "echo: Python b'...' security token repr in a JSON message",
    'server echo',
    tokenValue('PyBytesToken'),
  ),
  quotedCookie: sentinel('echo: quoted Cookie value in a JSON message', 'server echo', tokenValue('QuotedCookie')),
  ampersandCookie: sentinel(
    'echo: &-joined cookie value in a JSON message',
    'server echo',
    tokenValue('AmpersandCookie'),
  ),
  cgiToken: sentinel('echo: HTTP_X_BCE_SECURITY_TOKEN= in an HTML page', 'server echo', tokenValue('CgiToken')),
  cgiCookie: sentinel('echo: HTTP_COOKIE= in an HTML page', 'server echo', tokenValue('CgiCookie')),
  htmlSignature: sentinel('echo: Authorization in an HTML page', 'server echo', signatureHex('html')),
  htmlCookie: sentinel('echo: Cookie in an HTML page', 'server echo', tokenValue('HtmlCookie')),
  reasonSignature: sentinel('echo: signature in the reason phrase', 'server echo', signatureHex('reason phrase')),
  requestIdSignature: sentinel('echo: signature in x-bce-request-id', 'server echo', signatureHex('request id')),
  debugIdSignature: sentinel('echo: signature in x-bce-debug-id', 'server echo', signatureHex('debug id')),
  cutBodySignature: sentinel('echo: signature in a body cut by a reset', 'server echo', signatureHex('cut body')),
} as const satisfies Record<string, Sentinel>;

/** The corpus as a list, in a stable order. */
export const ALL_SECRETS: readonly Sentinel[] = Object.values(SECRETS);

/** The access key id: an identifier, not a secret (the SDKs log it), so it is not a sentinel. */
export const ACCESS_KEY_ID = 'AKLEAKAUDIT0001';

/** The credential headers every request carries. */
export const CREDENTIAL_HEADERS: Readonly<Record<string, string>> = {
  Authorization: bceSignature(ACCESS_KEY_ID, SECRETS.authorizationSignature.value),
  'x-bce-security-token': SECRETS.securityToken.value,
  Cookie: `theme=dark; BCESESSION=${SECRETS.cookie.value}`,
  'Proxy-Authorization': `Basic ${SECRETS.proxyAuthorization.value}`,
};

/** The presigned query every request URL carries (URL-encoded as a presigned URL is). */
export const PRESIGNED_QUERY = `?authorization=${encodeURIComponent(bceSignature(ACCESS_KEY_ID, SECRETS.presignedSignature.value))}`;

/** `http://user:password@host:port` for a base URL `http://host:port`. */
export function withUserinfo(baseUrl: string): string {
  return baseUrl.replace('://', `://${ACCESS_KEY_ID}:${SECRETS.userinfoPassword.value}@`);
}

/** A security token with a header injection in it: fetch (undici) and Node's http refuse to send it. */
export const CRLF_TOKEN = `${SECRETS.crlfToken.value}\r\nX-Injected: 1`;
