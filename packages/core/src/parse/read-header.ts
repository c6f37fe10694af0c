import { keysIgnoringCase } from '../util/keys-ignoring-case.js';

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

/**
 * Reads one header case-insensitively from any header shape without throwing: exact name first, then a scan,
 * the first value of an array, `undefined` for anything that is not text.
 */
export function readHeader(headers: unknown, name: string): string | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  try {
    const getter = (headers as { get?: unknown }).get;
    if (typeof getter === 'function') return firstValue(getter.call(headers, name));
    const record = headers as Record<string, unknown>;
    // The first matching key decides, even when its value is not text.
    const [key] = keysIgnoringCase(record, name);
    return key === undefined ? undefined : firstValue(record[key]);
  } catch {
    // A hostile getter or proxy: a header we cannot read is a header we do not have.
  }
  return undefined;
}
