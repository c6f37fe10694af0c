// The fetch adapter reads an error body through core's web-stream reader; a caller's own fetch may give a body
// that is only async iterable (node-fetch's Node Readable): asWebStream makes it a web stream first.
import { Readable } from 'node:stream';
import { readWebStreamWithin } from '@bce-errors/core/adapter';
import { describe, expect, it } from 'vitest';
import { asWebStream } from '../src/web-stream-of.js';

describe('asWebStream, then readWebStreamWithin: a body that is only async iterable (node-fetch gives a Node Readable)', () => {
  it('is read to the bound, and the Node stream is destroyed past it', async () => {
    const source = Readable.from(
      (function* chunks() {
        for (let index = 0; index < 100; index += 1) yield new Uint8Array(8).fill(0x61);
      })(),
    );
    const body = await readWebStreamWithin(asWebStream(source), 20);
    expect([body.bytes.byteLength, body.truncated, body.incomplete]).toEqual([20, true, false]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.destroyed).toBe(true);
  });

  it('strings (a stream with an encoding) and values that are not bytes are read as the bytes they are', async () => {
    const chunks: AsyncIterable<unknown> = Readable.from(['ab', 42, new Uint8Array([0x63])], { objectMode: true });
    const body = await readWebStreamWithin(asWebStream(chunks), 100);
    expect([new TextDecoder().decode(body.bytes), body.truncated, body.incomplete]).toEqual(['abc', false, false]);
  });

  it('a body that stops arriving ends at the stall limit, keeping what arrived', async () => {
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array([0x7b]);
      await new Promise(() => undefined);
    }
    const body = await readWebStreamWithin(asWebStream(chunks()), 100, undefined, { stallMilliseconds: 30 });
    expect([Array.from(body.bytes), body.truncated, body.incomplete]).toEqual([[0x7b], false, true]);
  });

  it('a body that is neither a stream nor iterable is an incomplete, empty body with the reason', async () => {
    const body = await readWebStreamWithin(asWebStream({}), 100);
    expect([body.bytes.byteLength, body.incomplete, String(body.readError)]).toEqual([
      0,
      true,
      'TypeError: the response body is neither a ReadableStream nor an async iterable',
    ]);
  });
});
