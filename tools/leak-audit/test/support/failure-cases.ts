import type { ScriptedResponse } from '@bce-errors/mock-server';
import {
  ACCESS_KEY_ID,
  bceSignature,
  CREDENTIAL_HEADERS,
  CRLF_TOKEN,
  PRESIGNED_QUERY,
  SECRETS,
  withUserinfo,
} from './secret-corpus.js';

/** The failures every client x style goes through. */
export const FAILURE_KINDS = [
  '4xx JSON',
  '5xx retried',
  'HTML 502',
  'refused connection',
  'timeout',
  'caller abort',
  'reset mid-body',
  'invalid header value',
  'URL userinfo',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** What one failure kind needs: the server's script (none: nothing answers), the request, and when to abort. */
interface FailureSetup {
  /** The scripted answer; `undefined` for a request that never reaches the server. */
  readonly script: ScriptedResponse | undefined;
  /** The base URL: the server's, or one where nothing listens. */
  readonly target: 'server' | 'refused';
  readonly headers: Readonly<Record<string, string>>;
  readonly userinfo: boolean;
  /** Abort the caller's signal after this many ms. */
  readonly abortAfterMs: number | undefined;
  /**
   * The client's per-attempt timeout: short only where the timeout is the failure, generous elsewhere, so a busy
   * machine never turns an answer (and the secrets it echoes) into a timeout.
   */
  readonly timeoutMs: number;
}

/** The timeout of the `timeout` kind (each of its attempts waits this long). */
const SHORT_TIMEOUT_MS = 200;
const GENEROUS_TIMEOUT_MS = 8_000;

const signatureOf = (hex: string): string => bceSignature(ACCESS_KEY_ID, hex);

/**
 * A JSON error whose message repeats a signature without its `Authorization:` label and a security token, with the
 * request id and the debug id headers (no requestId in the body, so the header is the request id) and the reason
 * phrase each echoing a signature of their own.
 */
const FOUR_XX: ScriptedResponse = {
  status: 403,
  statusText: `Forbidden ${signatureOf(SECRETS.reasonSignature.value)}`,
  headers: {
    'content-type': 'application/json',
    'x-bce-request-id': signatureOf(SECRETS.requestIdSignature.value),
    'x-bce-debug-id': signatureOf(SECRETS.debugIdSignature.value),
  },
  body: JSON.stringify({
    code: 'SignatureDoesNotMatch',
    message: [
      `The request signature we calculated does not match: ${signatureOf(SECRETS.bodyJsonSignature.value)}`,
      `(x-bce-security-token: ${SECRETS.bodyJsonToken.value})`,
      `proxy said: Authorization: Digest username="${ACCESS_KEY_ID}", realm="bce", response="${SECRETS.digestResponse.value}";`,
      `authorization: bearer ${SECRETS.lowercaseBearer.value};`,
      `sessionToken: ${SECRETS.sessionToken.value};`,
      `headers={'x-bce-security-token': b'${SECRETS.pythonBytesToken.value}'};`,
      `Cookie: "BCESESSION=${SECRETS.quotedCookie.value}";`,
      `query: a=1&cookie=theme%3Ddark&BCESESSION=${SECRETS.ampersandCookie.value}&b=2`,
      // One per line, as a dump has them: a pattern that redacts to the end of its line cannot hide the next one.
    ].join('\n'),
  }),
};

/** A proxy's text answer quoting the request head as a JSON string: `\r\n` are escaped, two characters each. */
const ESCAPED_DUMP = JSON.stringify(
  `GET /bucket/key HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${signatureOf(SECRETS.dumpSignature.value)}\r\nCookie: BCESESSION=${SECRETS.dumpCookie.value}\r\nX-Bce-Security-Token: ${SECRETS.dumpToken.value}\r\n`,
);
const FIVE_XX: ScriptedResponse = {
  status: 503,
  headers: { 'content-type': 'text/plain', 'x-bce-request-id': 'leak-audit-503' },
  body: `upstream unavailable; request was ${ESCAPED_DUMP}`,
};

const HTML_502: ScriptedResponse = {
  status: 502,
  headers: { 'content-type': 'text/html' },
  body: `<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>\n<pre>authorization: ${signatureOf(SECRETS.htmlSignature.value)}</pre>\n<!-- cookie: BCESESSION=${SECRETS.htmlCookie.value} -->\n<table>\n<tr><td>HTTP_X_BCE_SECURITY_TOKEN=${SECRETS.cgiToken.value}</td></tr>\n<tr><td>HTTP_COOKIE=BCESESSION=${SECRETS.cgiCookie.value}</td></tr>\n</table></body></html>`,
};

const CUT_BODY = JSON.stringify({
  code: 'InternalError',
  message: `failed to verify ${signatureOf(SECRETS.cutBodySignature.value)}; please retry later, the rest of this message is never sent`,
  requestId: 'leak-audit-cut',
});
const RESET_MID_BODY: ScriptedResponse = {
  status: 500,
  headers: { 'content-type': 'application/json' },
  body: CUT_BODY,
  fault: 'reset-after-headers',
  // Past the signature, before the end of the JSON.
  cutAfterBytes: CUT_BODY.indexOf('please retry'),
};

const NO_ANSWER: ScriptedResponse = { status: 200, fault: 'no-response', holdMs: 10_000 };

const NOT_FOUND: ScriptedResponse = {
  status: 404,
  headers: { 'content-type': 'application/json', 'x-bce-request-id': 'leak-audit-404' },
  body: '{"code":"NoSuchKey","message":"The specified key does not exist.","requestId":"leak-audit-404"}',
};

/** The setup of each failure kind. */
export function failureSetup(kind: FailureKind): FailureSetup {
  const plain = {
    target: 'server',
    headers: CREDENTIAL_HEADERS,
    userinfo: false,
    abortAfterMs: undefined,
    timeoutMs: GENEROUS_TIMEOUT_MS,
  } as const;
  switch (kind) {
    case '4xx JSON':
      return { ...plain, script: FOUR_XX };
    case '5xx retried':
      return { ...plain, script: FIVE_XX };
    case 'HTML 502':
      return { ...plain, script: HTML_502 };
    case 'refused connection':
      return { ...plain, script: undefined, target: 'refused' };
    case 'timeout':
      return { ...plain, script: NO_ANSWER, timeoutMs: SHORT_TIMEOUT_MS };
    case 'caller abort':
      return { ...plain, script: NO_ANSWER, abortAfterMs: 50 };
    case 'reset mid-body':
      return { ...plain, script: RESET_MID_BODY };
    case 'invalid header value':
      return { ...plain, script: NOT_FOUND, headers: { ...CREDENTIAL_HEADERS, 'x-bce-security-token': CRLF_TOKEN } };
    case 'URL userinfo':
      return { ...plain, script: NOT_FOUND, userinfo: true };
  }
}

/** The request URL of a case: its own path (so the server's records are per case), with the presigned query. */
export function caseUrl(base: string, path: string, setup: FailureSetup): string {
  return `${setup.userinfo ? withUserinfo(base) : base}${path}${PRESIGNED_QUERY}`;
}
