// node-fetch (the fetch of many Node code bases before Node 18) gives a response whose body is a Node `Readable`,
// not a web `ReadableStream`: the fetch adapter reads every error body through core's web-stream reader, so such a
// body is seen as a web stream first. Kept in this package: only a caller's own `fetch` can hand one over.

const encoder = new TextEncoder();

/**
 * The body as a web stream: itself, or, for a body that is only async iterable (node-fetch's is a Node `Readable`),
 * a stream pulling from its iterator, whose cancel ends the iterator (which destroys a Node stream). Anything else
 * is a stream that fails at once: the reader keeps it as an incomplete body, with the reason.
 */
export function asWebStream(body: unknown): ReadableStream<Uint8Array> {
  if (typeof (body as { getReader?: unknown }).getReader === 'function') return body as ReadableStream<Uint8Array>;
  const iterate = (body as { [Symbol.asyncIterator]?: unknown } | null | undefined)?.[Symbol.asyncIterator];
  if (typeof iterate !== 'function') {
    return new ReadableStream<Uint8Array>({
      start(controller) {
        controller.error(new TypeError('the response body is neither a ReadableStream nor an async iterable'));
      },
    });
  }
  const iterator = (iterate as () => AsyncIterator<unknown>).call(body);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Until a chunk is queued: a pull that queues nothing is not called again while the read waits.
      for (;;) {
        const next = await iterator.next();
        if (next.done === true) {
          controller.close();
          return;
        }
        const { value } = next;
        if (value instanceof Uint8Array) {
          controller.enqueue(value);
          return;
        }
        // A Node stream with an encoding set hands out strings; anything else is not body bytes.
        if (typeof value === 'string') {
          controller.enqueue(encoder.encode(value));
          return;
        }
      }
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}
