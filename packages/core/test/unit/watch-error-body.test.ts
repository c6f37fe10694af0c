import { EventEmitter } from 'node:events';
import { PassThrough, pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readWatchedErrorBody, watchedErrorBody, watchErrorBody } from '../../src/adapter.js';

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

  it('leaves a success alone, and keeps a whole error body that ends within the bound, decoded', async () => {
    const success = new FakeResponse(200, {});
    watchErrorBody(success, MAX, zlib);
    expect(success.listenerCount('data')).toBe(0);
    const small = new FakeResponse(404, { 'content-encoding': 'gzip' });
    watchErrorBody(small, MAX, zlib);
    await small.arrive(zlib.gzipSync(Buffer.from('{"code":"NoSuchKey"}')), 8);
    small.emit('end');
    const watched = await watchedErrorBody(small);
    expect(small.destroyed).toBe(false);
    expect([Buffer.from(watched?.bytes ?? []).toString(), watched?.truncated, watched?.incomplete]).toEqual([
      '{"code":"NoSuchKey"}',
      false,
      false,
    ]);
    // Once the body is kept, later bytes (none in real life) change nothing.
    await small.arrive(zlib.gzipSync(big), 4096);
    expect(readWatchedErrorBody(small)).toBe(watched);
  });

  it('keeps the bytes of an error body cut short (P7), before the client sees the error', async () => {
    const identity = new FakeResponse(412, { 'content-length': '120' });
    watchErrorBody(identity, MAX, zlib);
    await identity.arrive(Buffer.from('{"code":"Rate'), 64);
    // Node signals a cut body with 'aborted' first; got and axios reject on it.
    identity.emit('aborted');
    const cut = readWatchedErrorBody(identity);
    expect([Buffer.from(cut?.bytes ?? []).toString(), cut?.truncated, cut?.incomplete]).toEqual([
      '{"code":"Rate',
      false,
      true,
    ]);
    const gzip = new FakeResponse(412, { 'content-encoding': 'gzip' });
    watchErrorBody(gzip, MAX, zlib);
    const wire = zlib.gzipSync(Buffer.from('{"code":"RateLimit","message":"slow down"}'));
    await gzip.arrive(wire.subarray(0, wire.byteLength - 10), 8);
    gzip.emit('close');
    const decoded = await watchedErrorBody(gzip);
    expect(decoded?.incomplete).toBe(true);
    expect(Buffer.from(decoded?.bytes ?? []).toString()).toMatch(/^\{"code":"RateLimit/u);
  });

  it('bounds an encoding it cannot decode on its raw bytes; a body that fails to decode keeps what decoded (P9)', async () => {
    const unknown = new FakeResponse(502, { 'content-encoding': 'zstd' });
    watchErrorBody(unknown, MAX, zlib);
    await unknown.arrive(big, 16 * 1024);
    expect(unknown.destroyed).toBe(true);
    expect(readWatchedErrorBody(unknown)?.bytes.byteLength).toBe(MAX);
    const corrupt = new FakeResponse(502, { 'content-encoding': 'gzip' });
    watchErrorBody(corrupt, MAX, zlib);
    await corrupt.arrive(Buffer.alloc(8 * MAX, 0x41), MAX);
    const kept = await watchedErrorBody(corrupt);
    // The decoder failed before the body ended: a failed read, with the bytes decoded before it (none).
    expect([corrupt.destroyed, kept?.bytes.byteLength, kept?.incomplete]).toEqual([false, 0, true]);
  });

  // The header lists the encodings in the order the server applied them: `gzip, br` is br around gzip.
  const encoders: Record<string, (bytes: Buffer) => Buffer> = {
    gzip: (bytes) => zlib.gzipSync(bytes),
    deflate: (bytes) => zlib.deflateSync(bytes),
    br: (bytes) => zlib.brotliCompressSync(bytes),
  };
  const stacked = (header: string, bytes: Buffer): Buffer =>
    header.split(',').reduce((body, name) => (encoders[name.trim().toLowerCase()] ?? ((same) => same))(body), bytes);

  it.each(['gzip, br', 'deflate, gzip', 'gzip,gzip', 'BR , Deflate', 'br, gzip, deflate, gzip, br'])(
    'decodes a body of stacked encodings (%s) in reverse order, as undici does',
    async (header) => {
      const small = new FakeResponse(404, { 'content-encoding': header });
      watchErrorBody(small, MAX, zlib);
      await small.arrive(stacked(header, Buffer.from('{"code":"NoSuchKey","requestId":"body-id"}')), 8);
      small.emit('end');
      const whole = await watchedErrorBody(small);
      expect([Buffer.from(whole?.bytes ?? []).toString(), whole?.truncated, whole?.incomplete]).toEqual([
        '{"code":"NoSuchKey","requestId":"body-id"}',
        false,
        false,
      ]);
      // The bound counts the bytes the last decoder gives: 4 MiB behind a few KiB of wire are cut at MAX.
      const large = new FakeResponse(500, { 'content-encoding': header });
      watchErrorBody(large, MAX, zlib);
      const wire = stacked(header, big);
      const arrived = large.arrive(wire, Math.ceil(wire.byteLength / 16));
      const kept = await watchedErrorBody(large);
      await arrived;
      expect([large.destroyed, kept?.truncated]).toEqual([true, true]);
      expect(Buffer.from(kept?.bytes ?? []).toString()).toBe(big.subarray(0, MAX).toString());
    },
  );

  it.each([
    'gzip, zstd',
    'zstd, gzip',
    'identity, gzip',
    'gzip, identity',
    'gzip, ',
    'gzip, gzip, gzip, gzip, gzip, gzip',
  ])('keeps the raw bytes of a list with an encoding undici would not decode (%s)', async (header) => {
    const wire = stacked(header, Buffer.from('{"code":"NoSuchKey"}'));
    const response = new FakeResponse(404, { 'content-encoding': header });
    watchErrorBody(response, MAX, zlib);
    await response.arrive(wire, 8);
    response.emit('end');
    expect(Buffer.from((await watchedErrorBody(response))?.bytes ?? [])).toEqual(wire);
  });

  it('a stacked body whose inner layer fails to decode keeps what decoded before the failure (P9)', async () => {
    const response = new FakeResponse(502, { 'content-encoding': 'gzip, br' });
    watchErrorBody(response, MAX, zlib);
    // Valid brotli around bytes that are no gzip: the outer decoder succeeds, the inner one fails.
    await response.arrive(zlib.brotliCompressSync(Buffer.alloc(8 * MAX, 0x41)), 64);
    response.emit('end');
    const kept = await watchedErrorBody(response);
    expect([kept?.bytes.byteLength, kept?.truncated]).toEqual([0, false]);
  });

  it('reads the encoding from the raw headers, which axios edits once it decompresses', async () => {
    const response = Object.assign(new FakeResponse(500, {}), { rawHeaders: ['Content-Encoding', 'gzip'] });
    watchErrorBody(response, MAX, zlib);
    await response.arrive(zlib.gzipSync(Buffer.from('{"code":"X"}')), 64);
    response.emit('end');
    expect(Buffer.from((await watchedErrorBody(response))?.bytes ?? []).toString()).toBe('{"code":"X"}');
  });

  it('stops the client decoders the response is piped into once the decoded body passes maxBytes (P12 after decoding)', async () => {
    // 64 MiB that brotli sends in a few hundred bytes: the whole wire arrives, and ends, before anything inflates.
    const wire = zlib.brotliCompressSync(Buffer.alloc(64 * 1024 * 1024, 0x61), {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 },
    });
    for (const order of ['piped before watching', 'piped after watching']) {
      const response = Object.assign(new PassThrough(), { statusCode: 500, headers: { 'content-encoding': 'br' } });
      const clientDecoder = zlib.createBrotliDecompress();
      const clientCopy = new PassThrough();
      let inflated = 0;
      clientCopy.on('data', (chunk: Buffer) => {
        inflated += chunk.byteLength;
      });
      const clientDone = new Promise((resolve) => {
        clientCopy.on('close', resolve);
      });
      if (order === 'piped before watching') pipeline(response, clientDecoder, clientCopy, () => undefined);
      watchErrorBody(response, MAX, zlib);
      if (order === 'piped after watching') response.pipe(clientDecoder).pipe(clientCopy);
      response.end(wire);
      const watched = await watchedErrorBody(response);
      if (order === 'piped after watching') clientCopy.destroy();
      await clientDone;
      expect([order, watched?.truncated, clientDecoder.destroyed]).toEqual([order, true, true]);
      // The client's decoder runs beside the watcher's and may get a few MiB ahead before it is stopped; not 64 MiB.
      expect([order, inflated < 16 * 1024 * 1024]).toEqual([order, true]);
    }
  });

  it.each([
    ['identity', (bytes: Buffer) => bytes],
    ['gzip', (bytes: Buffer) => zlib.gzipSync(bytes)],
  ])(
    'ends a %s body that goes silent: destroys the response with why, keeps what arrived as cut short (P7, P12)',
    async (encoding, encode) => {
      // The real limit (not injectable): this takes ERROR_BODY_STALL_MILLISECONDS (2 s).
      const response = Object.assign(new PassThrough(), {
        statusCode: 503,
        headers: { 'content-encoding': encoding === 'identity' ? undefined : encoding },
      });
      let destroyedWith: unknown;
      response.on('error', (error) => {
        destroyedWith = error;
      });
      watchErrorBody(response, MAX, zlib);
      const wire = encode(Buffer.from('{"code":"ServiceUnavailable","message":"busy"}'));
      // All but the last bytes (a gzip trailer missing), then nothing: the server neither ends nor closes.
      response.write(wire.subarray(0, wire.byteLength - 8));
      const kept = await watchedErrorBody(response);
      expect([response.destroyed, kept?.incomplete]).toEqual([true, true]);
      expect(String(destroyedWith)).toContain('the error body stopped arriving');
      if (encoding === 'identity') {
        expect(Buffer.from(kept?.bytes ?? []).toString()).toBe(wire.subarray(0, wire.byteLength - 8).toString());
      }
    },
  );

  it('arms no timer for a body that arrived whole with its headers (nothing can stall)', async () => {
    const response = Object.assign(new PassThrough(), { statusCode: 404, headers: {}, complete: false });
    const original = globalThis.setTimeout;
    let armed = 0;
    globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
      armed += 1;
      return original(...args);
    }) as typeof setTimeout;
    try {
      watchErrorBody(response, MAX, zlib);
      // What Node's parser does in the same turn as 'response' for a body in the headers' packet.
      response.end('{"code":"NoSuchKey"}');
      response.complete = true;
      await watchedErrorBody(response);
    } finally {
      globalThis.setTimeout = original;
    }
    expect(armed).toBe(0);
  });

  it('answers undefined for anything it does not watch', () => {
    expect(readWatchedErrorBody(undefined)).toBeUndefined();
    expect(readWatchedErrorBody('response')).toBeUndefined();
    expect(readWatchedErrorBody({})).toBeUndefined();
  });

  it('watchedErrorBody answers undefined at once for a response it does not watch', async () => {
    await expect(watchedErrorBody({})).resolves.toBeUndefined();
  });
});
