import type { AdapterOptions } from '@bce-errors/core';

/** One logical request the suite asks an adapter to send through its real client. */
export interface DriverRequest {
  url: string;
  method: string;
  /** The adapter options under test. */
  options: AdapterOptions;
  /** The client's own per-attempt timeout (axios `timeout`, got `timeout.request`, fetch wrapper `timeoutMs`). */
  timeoutMs?: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A replayable text body, or a one-shot stream that must never be retried. */
  body?: { kind: 'text'; text: string } | { kind: 'one-shot-stream'; text: string };
}

/** What a successful request gave back. */
export interface DriverResponse {
  status: number;
  bodyText: string;
}

/** How the shared suite drives one adapter: each adapter's test file implements this and nothing else. */
export interface AdapterDriver {
  name: 'axios' | 'got' | 'fetch';
  /** Shown in test titles and used in routes, e.g. `axios@1.7.0` for the oldest supported version. @default name */
  label?: string;
  /** Resolves on success; rejects with exactly what the adapter made the client throw. */
  send(request: DriverRequest): Promise<DriverResponse>;
  /**
   * Requests the client itself sends again for a status, below the adapter (the Fetch standard re-sends a 421
   * Misdirected Request once on a new connection). Counted on top of the contract's attempts.
   */
  protocolResends?: Readonly<Record<number, number>>;
  /** Lets HTTPS to a self-signed local server be attempted (the adapter must reject it with TlsFailure). */
  supportsTls: boolean;
}
