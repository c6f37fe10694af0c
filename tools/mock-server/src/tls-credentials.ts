import { readFileSync } from 'node:fs';

/** The committed self-signed test certificate and its private key (PEM). Test use only. */
export interface TestTlsCredentials {
  /** The certificate (PEM), self-signed, valid for `localhost` and `127.0.0.1`. */
  cert: string;
  /** The unencrypted private key of {@link TestTlsCredentials.cert} (PEM). Public, so never trust it outside tests. */
  key: string;
}

/**
 * Reads the self-signed certificate and key under `tools/mock-server/fixtures/` that the TLS mock
 * server presents. Pass `cert` as a client's `ca` to make a test trust the server on purpose.
 */
export function readTestTlsCredentials(): TestTlsCredentials {
  return {
    cert: readFileSync(new URL('../fixtures/test-cert.pem', import.meta.url), 'utf8'),
    key: readFileSync(new URL('../fixtures/test-key.pem', import.meta.url), 'utf8'),
  };
}
