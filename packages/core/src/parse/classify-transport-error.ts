import { readErrorList, readProperty } from '../util/read-property.js';
import type { TransportCode } from './transport-code.js';

// Node system codes, undici codes and the HTTP clients' own codes, as documented constant tables.
const CODE_TABLE: Readonly<Record<string, TransportCode>> = {
  ECONNREFUSED: 'ConnectionRefused',
  ECONNRESET: 'ConnectionReset',
  EPIPE: 'ConnectionReset',
  ERR_STREAM_PREMATURE_CLOSE: 'ConnectionReset',
  UND_ERR_SOCKET: 'ConnectionReset',
  UND_ERR_CLOSED: 'ConnectionReset',
  ENOTFOUND: 'DnsFailure',
  EAI_AGAIN: 'DnsFailure',
  EAI_FAIL: 'DnsFailure',
  EAI_NONAME: 'DnsFailure',
  EAI_NODATA: 'DnsFailure',
  ENODATA: 'DnsFailure',
  EPROTO: 'TlsFailure',
  UND_ERR_CONNECT_TIMEOUT: 'ConnectTimeout',
  UND_ERR_HEADERS_TIMEOUT: 'Timeout',
  UND_ERR_BODY_TIMEOUT: 'Timeout',
  // axios reports its own `timeout` as ECONNABORTED (or ETIMEDOUT with `transitional.clarifyTimeoutError`).
  ECONNABORTED: 'Timeout',
  ERR_CANCELED: 'Aborted',
  ABORT_ERR: 'Aborted',
  ERR_BODY_READ: 'BodyReadFailure',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'BodyReadFailure',
  Z_DATA_ERROR: 'BodyReadFailure',
  Z_BUF_ERROR: 'BodyReadFailure',
  ERR_CONTENT_DECODING_FAILED: 'BodyReadFailure',
  // Bun's fetch names the failure in its code.
  ConnectionRefused: 'ConnectionRefused',
};

/**
 * What runtimes that give no code say, checked only when no error in the chain has a known code. Browsers hide
 * the reason on purpose (a refused port, a DNS failure and a CORS rejection read alike); workerd gives the same
 * text for a refused connection and one dropped mid-request, so it is no more detailed than a browser's. Deno
 * (hyper/rustls) prints the operating system's own text.
 */
const MESSAGE_TABLE: readonly (readonly [RegExp, TransportCode])[] = [
  [/\bConnection refused\b|actively refused it/i, 'ConnectionRefused'],
  [/\bConnection reset by peer\b/i, 'ConnectionReset'],
  [/\bdns error\b|failed to lookup address information/i, 'DnsFailure'],
  [
    /^(?:Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed|Network Error|Network connection lost\.?)$/,
    'NetworkError',
  ],
];

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_CERT)/;
const CONNECT_PHASES: readonly string[] = ['lookup', 'connect', 'secureConnect'];
const MAX_DEPTH = 5;

/** What an error without a known code says; `undefined` when it says nothing this library recognises. */
function classifyVague(error: unknown): TransportCode | undefined {
  // axios' own code for XMLHttpRequest's `error` event or fetch's TypeError: its cause, if any, may say more.
  if (readProperty(error, 'code') === 'ERR_NETWORK') return 'NetworkError';
  const message = readProperty(error, 'message');
  if (typeof message !== 'string') return undefined;
  // A runtime's own text is short; a long one is someone else's (and is not scanned, so this stays linear).
  const text = message.slice(0, 1000);
  for (const [pattern, code] of MESSAGE_TABLE) if (pattern.test(text)) return code;
  return undefined;
}

function classifyOne(error: unknown): TransportCode | undefined {
  const name = readProperty(error, 'name');
  const code = readProperty(error, 'code');
  if (name === 'AbortError' || name === 'CanceledError') return 'Aborted';
  if (name === 'TimeoutError') {
    // got's TimeoutError names the phase that timed out; fetch's AbortSignal.timeout has none.
    const event = readProperty(error, 'event');
    return typeof event === 'string' && CONNECT_PHASES.includes(event) ? 'ConnectTimeout' : 'Timeout';
  }
  if (typeof code === 'string') {
    // Own keys only: `code: '__proto__'` or `'constructor'` must not read Object.prototype as a transport code.
    const known = Object.hasOwn(CODE_TABLE, code) ? CODE_TABLE[code] : undefined;
    if (known !== undefined) return known;
    if (TLS_CODE.test(code)) return 'TlsFailure';
    if (code === 'ETIMEDOUT') return readProperty(error, 'syscall') === 'connect' ? 'ConnectTimeout' : 'Timeout';
  }
  return undefined;
}

/**
 * Maps any client's transport error (axios, got, undici/fetch, Node system errors, AggregateError) to the shared
 * {@link TransportCode}, walking the `cause` chain and aggregated errors. A known code anywhere in the chain wins
 * over what a message says, and a message that names the failure over one that does not (axios' `ERR_NETWORK`,
 * `Failed to fetch`), nearest first. Never throws.
 */
export function classifyTransportError(error: unknown): TransportCode {
  let level: unknown[] = [error];
  // A text that names the failure (Deno's `Connection refused (os error 111)` under axios' `ERR_NETWORK`) beats one
  // that only says the network failed, wherever each sits in the chain.
  let named: TransportCode | undefined;
  let undetailed: TransportCode | undefined;
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth += 1) {
    const next: unknown[] = [];
    for (const candidate of level) {
      const code = classifyOne(candidate);
      if (code !== undefined) return code;
      const vague = classifyVague(candidate);
      if (vague === 'NetworkError') undetailed ??= vague;
      else named ??= vague;
      const cause = readProperty(candidate, 'cause');
      if (cause !== undefined) next.push(cause);
      next.push(...readErrorList(readProperty(candidate, 'errors')));
    }
    level = next;
  }
  return named ?? undetailed ?? 'Unknown';
}
