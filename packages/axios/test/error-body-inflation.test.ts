// Contract P12 counts decoded bytes: a tiny compressed error body that inflates to hundreds of MiB must cost about
// `maxErrorBodyBytes`, not its inflated size. The memory held is sampled while the request runs (Buffers and heap,
// which a freed body gives back, unlike the resident set size).
import { compressedErrorBody, peakGrowthDuring } from '@bce-errors/adapter-suite';
import { isBceServiceError } from '@bce-errors/core';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBceErrors } from '../src/index.js';
import { startRawServer, type RawServer } from './raw-server.js';

const INFLATED_BYTES = 256 * 1024 * 1024;
const MIB = 1024 * 1024;

let server: RawServer;
const bombs = new Map<string, Buffer>();
beforeAll(async () => {
  bombs.set('gzip', await compressedErrorBody('gzip', INFLATED_BYTES));
  bombs.set('br', await compressedErrorBody('br', INFLATED_BYTES));
  server = await startRawServer((request, response) => {
    const encoding = request.url === '/br' ? 'br' : 'gzip';
    const body = bombs.get(encoding) ?? Buffer.alloc(0);
    response.writeHead(500, {
      'content-type': 'application/json',
      'content-encoding': encoding,
      'content-length': String(body.byteLength),
    });
    response.end(body);
  });
}, 60_000);
afterAll(async () => {
  await server.close();
});

describe('an error body that inflates to 256 MiB (P12 after decompression)', () => {
  for (const encoding of ['br', 'gzip'] as const) {
    it(`${encoding}: peak memory grows by far less than the inflated size, the body kept is the bound`, async () => {
      const client = axios.create();
      installBceErrors(client, { style: 'java', retry: { maxRetries: 0 } });
      const { growth, result: error } = await peakGrowthDuring(() =>
        client.get(`${server.url}/${encoding}`).catch((caught: unknown) => caught),
      );
      if (!isBceServiceError(error)) console.log(error);
      expect(isBceServiceError(error) && [error.statusCode, error.bodyTruncated]).toEqual([500, true]);
      expect(isBceServiceError(error) && (error.bodySnippet ?? '').length + error.message.length).toBeLessThan(200_000);
      // Holding the inflated body costs 256 MiB at least (axios keeps it twice while it joins the chunks).
      expect(growth / MIB).toBeLessThan(64);
    });
  }
});
