// Contract P12 counts decoded bytes: a tiny compressed error body that inflates to 256 MiB must cost about
// `maxErrorBodyBytes` through got, not its inflated size (got's own decoder, decompress-response, inflates it too).
// The memory held is sampled while the request runs (Buffers and heap, which a freed body gives back).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { compressedErrorBody, peakGrowthDuring } from '@bce-errors/adapter-suite';
import { isBceServiceError } from '@bce-errors/core';
import got from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bceErrors } from '../src/index.js';

const INFLATED_BYTES = 256 * 1024 * 1024;
const MIB = 1024 * 1024;

let server: http.Server;
let baseUrl: string;
const bombs = new Map<string, Buffer>();
beforeAll(async () => {
  bombs.set('gzip', await compressedErrorBody('gzip', INFLATED_BYTES));
  bombs.set('br', await compressedErrorBody('br', INFLATED_BYTES));
  server = http.createServer((request, response) => {
    const encoding = request.url === '/br' ? 'br' : 'gzip';
    const body = bombs.get(encoding) ?? Buffer.alloc(0);
    response.writeHead(500, {
      'content-type': 'application/json',
      'content-encoding': encoding,
      'content-length': String(body.byteLength),
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}, 60_000);
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('got: an error body that inflates to 256 MiB (P12 after decompression)', () => {
  for (const encoding of ['br', 'gzip'] as const) {
    it(`${encoding}: peak memory grows by far less than the inflated size, the body kept is the bound`, async () => {
      const client = got.extend(bceErrors({ style: 'java', retry: false }));
      const { growth, result: error } = await peakGrowthDuring(() =>
        client.get(`${baseUrl}/${encoding}`).then(
          () => undefined,
          (caught: unknown) => caught,
        ),
      );
      expect(isBceServiceError(error) && [error.statusCode, error.bodyTruncated]).toEqual([500, true]);
      expect(isBceServiceError(error) && (error.bodySnippet ?? '').length + error.message.length).toBeLessThan(200_000);
      console.log(`got ${encoding}: peak growth ${(growth / MIB).toFixed(1)} MiB`);
      // Holding the inflated body costs 256 MiB at least.
      expect(growth / MIB).toBeLessThan(64);
    });
  }
});
