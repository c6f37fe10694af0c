import { EventEmitter } from 'node:events';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {} from '../../src/index.js';
import { readWatchedErrorBody, watchErrorBody } from '../../src/adapter.js';

class FakeResponse extends EventEmitter {
  destroyed = false;
  constructor(
    readonly statusCode: number,
    readonly headers: Record<string, string | undefined>,
  ) {
    super();
  }
  destroy(): this {
    this.destroyed = true;
    return this;
  }
  /** Sends `body` in chunks as a socket would, stopping once the response is destroyed. */
  async arrive(body: Uint8Array, chunkBytes: number): Promise<number> {
    let sent = 0;
    while (sent < body.byteLength && !this.destroyed) {
      this.emit('data', body.subarray(sent, sent + chunkBytes));
      sent += chunkBytes;
      // zlib decodes asynchronously: let it catch up between chunks, as the network would.
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return Math.min(sent, body.byteLength);
  }
}

const MAX = 1024;
const big = Buffer.from(`{"code":"InvalidParameter","message":"${'x'.repeat(4 * 1024 * 1024)}"}`);

describe('watchErrorBody', () => {
  it.each([
    ['identity', (bytes: Buffer) => bytes],
    ['gzip', (bytes: Buffer) => zlib.gzipSync(bytes)],
    ['deflate', (bytes: Buffer) => zlib.deflateSync(bytes)],
    ['br', (bytes: Buffer) => zlib.brotliCompressSync(bytes)],
  ])(
    'keeps the first maxBytes of a %s error body, decoded, and destroys the response past them',
    async (encoding, encode) => {
      const wire = encode(big);
      const response = new FakeResponse(500, { 'content-encoding': encoding === 'identity' ? undefined : encoding });
      watchErrorBody(response, MAX, zlib);
      // Chunks of 1/16 of the wire size: a compressed 4 MiB is a few KiB on the wire.
      const arrived = await response.arrive(wire, Math.ceil(wire.byteLength / 16));
      // brotli packs these 4 MiB into 37 bytes and decodes them only after the last one: wait for its output.
      for (let waited = 0; readWatchedErrorBody(response) === undefined && waited < 100; waited += 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(response.destroyed).toBe(true);
      // For gzip and deflate, 4 MiB that compress to 4 KiB still count as 4 MiB: the cut comes before the wire ends.
      if (encoding !== 'br') expect(arrived).toBeLessThan(wire.byteLength);
      const watched = readWatchedErrorBody(response);
      expect(watched?.truncated).toBe(true);
      expect(Buffer.from(watched?.bytes ?? []).toString()).toBe(big.subarray(0, MAX).toString());
    },
  );

  it('leaves alone a success, an error body declared within the bound, and an error body that ends in time', async () => {
    const success = new FakeResponse(200, {});
    watchErrorBody(success, MAX, zlib);
    expect(success.listenerCount('data')).toBe(0);
    const declared = new FakeResponse(404, { 'content-length': '120' });
    watchErrorBody(declared, MAX, zlib);
    expect(declared.listenerCount('data')).toBe(0);
    const small = new FakeResponse(404, { 'content-encoding': 'gzip' });
    watchErrorBody(small, MAX, zlib);
    await small.arrive(zlib.gzipSync(Buffer.from('{"code":"NoSuchKey"}')), 8);
    expect([small.destroyed, readWatchedErrorBody(small)]).toEqual([false, undefined]);
    // Once the response closes, later bytes (none in real life) are not decoded or kept.
    small.emit('close');
    await small.arrive(zlib.gzipSync(big), 4096);
    expect([small.destroyed, readWatchedErrorBody(small)]).toEqual([false, undefined]);
  });

  it('bounds an encoding it cannot decode on its raw bytes, and leaves a corrupt body to the client', async () => {
    const unknown = new FakeResponse(502, { 'content-encoding': 'zstd' });
    watchErrorBody(unknown, MAX, zlib);
    await unknown.arrive(big, 16 * 1024);
    expect(unknown.destroyed).toBe(true);
    expect(readWatchedErrorBody(unknown)?.bytes.byteLength).toBe(MAX);
    const corrupt = new FakeResponse(502, { 'content-encoding': 'gzip' });
    watchErrorBody(corrupt, MAX, zlib);
    await corrupt.arrive(Buffer.alloc(8 * MAX, 0x41), MAX);
    expect([corrupt.destroyed, readWatchedErrorBody(corrupt)]).toEqual([false, undefined]);
  });

  it('answers undefined for anything it did not cut', () => {
    expect(readWatchedErrorBody(undefined)).toBeUndefined();
    expect(readWatchedErrorBody('response')).toBeUndefined();
    expect(readWatchedErrorBody({})).toBeUndefined();
  });
});
