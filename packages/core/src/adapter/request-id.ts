import { readProperty } from '../util/read-property.js';

const HEX = Array.from({ length: 256 }, (_unused, byte) => byte.toString(16).padStart(2, '0'));

/** 16 random bytes: Web Crypto where the runtime has it, else `Math.random` (an id to correlate logs, not a secret). */
function randomBytes(): Uint8Array {
  const bytes = new Uint8Array(16);
  const crypto = readProperty(globalThis, 'crypto');
  const getRandomValues = readProperty(crypto, 'getRandomValues');
  if (typeof getRandomValues === 'function') {
    (getRandomValues as (array: Uint8Array) => Uint8Array).call(crypto, bytes);
    return bytes;
  }
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = Math.floor(Math.random() * 256);
  return bytes;
}

/**
 * A fresh UUIDv4 for `x-bce-request-id`, as the Go SDK sends. `crypto.randomUUID` exists only in secure contexts
 * (a page served over `http://` from a LAN address has none), so without it the id is built from
 * `crypto.getRandomValues`, which every context has, with the RFC 4122 version and variant bits.
 */
export function createRequestId(): string {
  // Two named reads, not readProperty: its keyed read through Node's lazy `crypto` getter cost ~0.3 µs of every
  // Go-style request. A getter that throws still means no randomUUID.
  let crypto: { randomUUID?: unknown } | null | undefined;
  let randomUUID: unknown;
  try {
    crypto = (globalThis as { crypto?: { randomUUID?: unknown } | null }).crypto;
    randomUUID = crypto?.randomUUID;
  } catch {
    randomUUID = undefined;
  }
  if (typeof randomUUID === 'function') return (randomUUID as () => string).call(crypto);
  const bytes = randomBytes();
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // variant 10xx
  let id = '';
  for (let index = 0; index < 16; index += 1) {
    if (index === 4 || index === 6 || index === 8 || index === 10) id += '-';
    id += HEX[bytes[index] ?? 0] ?? '00';
  }
  return id;
}

/**
 * Whether this code runs in a web browser (a window or a web worker), where fetch and XMLHttpRequest enforce CORS:
 * there a custom header such as `x-bce-request-id` turns every cross-origin call into a preflight, which an API
 * that does not allow the header answers with a failure. Node, Bun and Deno (each has `process.versions.node`, or
 * `Deno`) and workerd (a worker scope whose user agent is `Cloudflare-Workers`) enforce no CORS, and are not.
 * `scope` is the global object to inspect, for tests. Never throws.
 */
export function isBrowserRuntime(scope: unknown = globalThis): boolean {
  if (typeof readProperty(readProperty(readProperty(scope, 'process'), 'versions'), 'node') === 'string') return false;
  if (readProperty(scope, 'Deno') !== undefined || readProperty(scope, 'Bun') !== undefined) return false;
  if (readProperty(readProperty(scope, 'navigator'), 'userAgent') === 'Cloudflare-Workers') return false;
  const document = readProperty(scope, 'document');
  if (typeof document === 'object' && document !== null) return true;
  const workerScope = readProperty(scope, 'WorkerGlobalScope');
  if (typeof workerScope !== 'function') return false;
  try {
    return scope instanceof (workerScope as new () => unknown);
  } catch {
    return false;
  }
}
