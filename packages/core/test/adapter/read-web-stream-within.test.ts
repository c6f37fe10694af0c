// The web-stream error-body reader the fetch adapter and axios' fetch-adapter path share, against real WHATWG
// `ReadableStream`s whose sources record what the reader did to them (a cancel). The limits are injected short, so
// no case waits on core's real ones; no case measures time.
import { describe, expect, it } from 'vitest';
import { readWebStreamWithin } from '../../src/adapter.js';

const encoder = new TextEncoder();
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

interface RecordedStream {
  stream: ReadableStream<Uint8Array>;
  /** Settles once the reader cancelled the stream (the test's timeout ends a wait for a cancel that never comes). */
  cancelled: Promise<unknown>;
}

/** A stream that sends `chunks` (one a pull) and then ends, or stays open when `end` is false. */
function streamOf(chunks: readonly string[], end = true): RecordedStream {
  let onCancel: (reason: unknown) => void = () => undefined;
  const cancelled = new Promise<unknown>((resolve) => {
    onCancel = resolve;
  });
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index];
      index += 1;
      if (chunk !== undefined) controller.enqueue(encoder.encode(chunk));
      else if (end) controller.close();
      // Otherwise the stream stays silent: a pull that never enqueues is never asked again.
    },
    cancel(reason) {
      onCancel(reason);
    },
  });
  return { stream, cancelled };
}

describe('readWebStreamWithin: the bound', () => {
  it('a body that fills the bound exactly and then ends is whole, not truncated', async () => {
    const { stream } = streamOf(['ab', 'cd']);
    const read = await readWebStreamWithin(stream, 4);
    expect(read).toMatchObject({ truncated: false, incomplete: false });
    expect(text(read.bytes)).toBe('abcd');
  });

  it('a body that fills the bound exactly and then sends more is truncated, and the rest is cancelled', async () => {
    // Left open after the extra byte: a stream that has closed by itself is not cancelled (its source never hears it).
    const { stream, cancelled } = streamOf(['abcd', 'e'], false);
    const read = await readWebStreamWithin(stream, 4);
    expect(read).toMatchObject({ truncated: true, incomplete: false });
    expect(text(read.bytes)).toBe('abcd');
    await cancelled;
  });

  it('a chunk past the bound is cut to it, the body truncated, and the stream cancelled', async () => {
    const { stream, cancelled } = streamOf(['ab', 'cdefgh', 'ij']);
    const read = await readWebStreamWithin(stream, 4);
    expect(read).toMatchObject({ truncated: true, incomplete: false });
    expect(text(read.bytes)).toBe('abcd');
    expect(read.readError).toBeUndefined();
    await cancelled;
  });

  it('no stream (a response without a body) is an empty, whole body', async () => {
    const read = await readWebStreamWithin(null, 4);
    expect(read).toEqual({ bytes: new Uint8Array(0), truncated: false, incomplete: false });
  });
});

describe('readWebStreamWithin: the time limits', () => {
  it('a body that stops arriving ends at the stall limit, incomplete, keeping what arrived', async () => {
    const { stream, cancelled } = streamOf(['{"code":', '"NoSuchKey"'], false);
    const read = await readWebStreamWithin(stream, 64 * 1024, undefined, {
      stallMilliseconds: 30,
      deadlineMilliseconds: 60_000,
    });
    expect(read).toMatchObject({ truncated: false, incomplete: true });
    expect(text(read.bytes)).toBe('{"code":"NoSuchKey"');
    expect(read.readError).toBeUndefined();
    await cancelled;
  });

  it('a body of exactly the bound that then stalls is incomplete, not truncated: whether more follows is unknown', async () => {
    const { stream, cancelled } = streamOf(['abcd'], false);
    const read = await readWebStreamWithin(stream, 4, undefined, { stallMilliseconds: 30 });
    expect(read).toMatchObject({ truncated: false, incomplete: true });
    expect(text(read.bytes)).toBe('abcd');
    await cancelled;
  });

  it('a body that trickles, never stalling, ends at the deadline, incomplete, keeping what arrived', async () => {
    let onCancel: () => void = () => undefined;
    const cancelled = new Promise<void>((resolve) => {
      onCancel = resolve;
    });
    let sent = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const drip = (): void => {
          controller.enqueue(encoder.encode('x'));
          sent += 1;
          timer = setTimeout(drip, 5);
        };
        drip();
      },
      cancel() {
        clearTimeout(timer);
        onCancel();
      },
    });
    const read = await readWebStreamWithin(stream, 64 * 1024, undefined, {
      stallMilliseconds: 60_000,
      deadlineMilliseconds: 80,
    });
    await cancelled;
    expect(read).toMatchObject({ truncated: false, incomplete: true });
    expect(read.bytes.byteLength).toBeGreaterThan(0);
    expect(read.bytes.byteLength).toBeLessThanOrEqual(sent);
    expect(text(read.bytes)).toMatch(/^x+$/);
  });
});

describe('readWebStreamWithin: a stream that fails', () => {
  it('a read failure keeps the bytes that arrived, marks the body incomplete and hands the failure over', async () => {
    const reset = new Error('connection reset');
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        // An error discards what is queued: the bytes go out first, the failure on the next pull.
        if (pulls === 1) controller.enqueue(encoder.encode('{"code":"NoSu'));
        else controller.error(reset);
      },
    });
    const read = await readWebStreamWithin(stream, 64 * 1024);
    expect(read).toMatchObject({ truncated: false, incomplete: true });
    expect(read.readError).toBe(reset);
    expect(text(read.bytes)).toBe('{"code":"NoSu');
  });

  it('a failure while the signal is aborted (the caller abort, the attempt timeout) is rethrown', async () => {
    const controller = new AbortController();
    const abortReason = new DOMException('The caller aborted', 'AbortError');
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(streamController) {
        pulls += 1;
        if (pulls === 1) {
          streamController.enqueue(encoder.encode('{"code":'));
          return;
        }
        controller.abort(abortReason);
        streamController.error(abortReason);
      },
    });
    await expect(readWebStreamWithin(stream, 64 * 1024, controller.signal)).rejects.toBe(abortReason);
  });

  it('a failure while the signal is not aborted is kept, not thrown', async () => {
    const controller = new AbortController();
    const failure = new TypeError('terminated');
    const stream = new ReadableStream<Uint8Array>({
      pull(streamController) {
        streamController.error(failure);
      },
    });
    const read = await readWebStreamWithin(stream, 64 * 1024, controller.signal);
    expect(read).toMatchObject({ truncated: false, incomplete: true, readError: failure });
    expect(read.bytes.byteLength).toBe(0);
  });
});
