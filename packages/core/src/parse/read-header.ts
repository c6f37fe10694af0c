import type { SdkStyle } from '../sdk-style.js';
import { findKeyIgnoringCase } from '../util/find-key-ignoring-case.js';

/** The header that carries a request's id, the one the Go SDK sends and every BCE service answers with. */
export const REQUEST_ID_HEADER = 'x-bce-request-id';

/** The header shapes the parser accepts: a WHATWG `Headers` or a Node-style record. */
export type HeaderSource =
  | Headers
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | number | undefined | null>>;

function firstValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return firstValue(value[0]);
  return undefined;
}

/** The raw value of one header, case-insensitively, from any header shape, without throwing. */
function rawHeader(headers: unknown, name: string): unknown {
  if (headers === null || typeof headers !== 'object') return undefined;
  try {
    const getter = (headers as { get?: unknown }).get;
    if (typeof getter === 'function') return getter.call(headers, name);
    const record = headers as Record<string, unknown>;
    // The first matching key decides, even when its value is not text.
    const key = findKeyIgnoringCase(record, name);
    return key === undefined ? undefined : record[key];
  } catch {
    // A hostile getter or proxy: a header we cannot read is a header we do not have.
  }
  return undefined;
}

/**
 * Reads one header case-insensitively from any header shape without throwing: exact name first, then a scan,
 * the first value of an array, `undefined` for anything that is not text.
 */
export function readHeader(headers: unknown, name: string): string | undefined {
  return firstValue(rawHeader(headers, name));
}

/** The values of a header that came more than once: an array (Node), or one text joined with `, ` (Node, fetch). */
function headerValues(value: unknown): string[] {
  if (typeof value === 'string') return value.includes(',') ? value.split(',') : [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) {
    return (value as unknown[]).flatMap((item) => (typeof item === 'string' ? item.split(',') : []));
  }
  return [];
}

/**
 * Reads a header value that was sent as raw UTF-8 bytes: Node's parser and undici give each byte as one Latin-1
 * character, so a value whose characters are all bytes and that is valid UTF-8 is decoded; any other is kept.
 */
function decodeLatin1AsUtf8(value: string): string {
  // Only values with a character past ASCII and none past Latin-1 can be raw bytes read as Latin-1.
  if (!/[\u0080-\u00ff]/.test(value) || /[\u0100-\uffff]/.test(value)) return value;
  const bytes = new Uint8Array(value.length);
  for (let index = 0; index < value.length; index += 1) bytes[index] = value.charCodeAt(index);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return value;
  }
}

/**
 * Reads a request id header the way the style's SDK does (contract P3): when the header came twice, go and java take
 * the first value, python the last; go and python decode a value sent as raw UTF-8, java keeps the Latin-1 reading;
 * the value is trimmed of surrounding whitespace (D12). `undefined` when the header is absent.
 */
export function readRequestIdHeader(headers: unknown, name: string, style: SdkStyle): string | undefined {
  const values = headerValues(rawHeader(headers, name));
  const picked = style === 'python' ? values[values.length - 1] : values[0];
  if (picked === undefined) return undefined;
  const text = style === 'java' ? picked : decodeLatin1AsUtf8(picked);
  return trimWhitespace(text);
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Trims spaces, tabs and line breaks (not other Unicode spaces), in linear time. */
function trimWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start += 1;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(start, end);
}
