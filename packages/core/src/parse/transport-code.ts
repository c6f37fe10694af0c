/**
 * Why a request produced no usable response. One set shared by every adapter, whatever the client's own codes.
 */
export type TransportCode =
  | 'ConnectionRefused'
  | 'ConnectionReset'
  | 'DnsFailure'
  | 'TlsFailure'
  | 'ConnectTimeout'
  | 'Timeout'
  | 'Aborted'
  | 'BodyReadFailure'
  /** A network failure the runtime does not detail: a browser's `Failed to fetch`, axios' `Network Error`. */
  | 'NetworkError'
  | 'Unknown';

/** Every transport code, for exhaustive tables and validation. */
export const TRANSPORT_CODES: readonly TransportCode[] = [
  'ConnectionRefused',
  'ConnectionReset',
  'DnsFailure',
  'TlsFailure',
  'ConnectTimeout',
  'Timeout',
  'Aborted',
  'BodyReadFailure',
  'NetworkError',
  'Unknown',
];

/** Narrows an unknown value to a transport code. */
export function isTransportCode(value: unknown): value is TransportCode {
  return typeof value === 'string' && (TRANSPORT_CODES as readonly string[]).includes(value);
}
