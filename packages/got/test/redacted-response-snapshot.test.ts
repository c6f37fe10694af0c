// Issue 12: the redacted snapshot of got's response that a got error carries as `error.response` keeps no credential
// in any string field: a hostile server can put a request's signature in the reason phrase of the status line.
// Through the real got against a raw node:net server.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { isBceServiceError } from '@bce-errors/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bceErrors } from '../src/index.js';
import { loadRunnableGotVersions } from './newer-got.js';

const versions = await loadRunnableGotVersions();

const SIGNATURE_HEX = 'c0ffee00'.repeat(8);
// The signature as BCE signs it (signed headers joined by `;`), and one signing a single header (no `;`).
const SIGNATURES = {
  'signed headers joined by ;': `bce-auth-v1/AKSTATUSLINE/2026-12-01T00:00:00Z/1800/host;x-bce-date/${SIGNATURE_HEX}`,
  'one signed header': `bce-auth-v1/AKSTATUSLINE/2026-12-01T00:00:00Z/1800/host/${SIGNATURE_HEX}`,
} as const;
type SignatureKind = keyof typeof SIGNATURES;

let server: net.Server;
let baseUrl: string;

beforeAll(async () => {
  server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (data: Buffer) => {
      const path = /^[A-Z]+ (\S+)/.exec(data.toString('latin1'))?.[1] ?? '/';
      const kind = decodeURIComponent(path.slice(1)) as SignatureKind;
      const body = '{"code":"AccessDenied","message":"denied","requestId":"status-line"}';
      socket.end(
        `HTTP/1.1 403 ${SIGNATURES[kind]}\r\ncontent-type: application/json\r\n` +
          `content-length: ${String(body.length)}\r\nconnection: close\r\n\r\n${body}`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe.each(versions)('%s: a signature in the reason phrase', (_label, gotModule) => {
  it.each(Object.keys(SIGNATURES) as SignatureKind[])(
    '%s: leaves no trace in error.response.statusMessage nor anywhere else in the error',
    async (kind) => {
      const error: unknown = await gotModule
        .extend(bceErrors({ style: 'go' }))(`${baseUrl}/${encodeURIComponent(kind)}`)
        .catch((caught: unknown) => caught);
      expect(isBceServiceError(error) && [error.statusCode, error.code]).toEqual([403, 'AccessDenied']);
      const snapshot = (error as { response?: { statusMessage?: unknown } }).response;
      expect(typeof snapshot?.statusMessage).toBe('string');
      expect(snapshot?.statusMessage).not.toContain('AKSTATUSLINE');
      expect(snapshot?.statusMessage).not.toContain(SIGNATURE_HEX);
      const rendered = [
        inspect(error, { depth: Infinity, showHidden: true }),
        JSON.stringify(error),
        String(error),
        (error as Error).stack ?? '',
      ].join('\n');
      expect(rendered).not.toContain('AKSTATUSLINE');
      expect(rendered).not.toContain(SIGNATURE_HEX);
    },
  );
});
