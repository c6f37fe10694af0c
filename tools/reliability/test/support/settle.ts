/** How a request ended, within a bound. */
type Settled =
  | { kind: 'fulfilled'; value: unknown; elapsedMs: number }
  | { kind: 'rejected'; error: unknown; elapsedMs: number }
  | { kind: 'hung'; elapsedMs: number };

/** Waits for `promise` at most `boundMs`; a promise still pending then is reported as hung (and left to settle). */
export async function settleWithin(promise: Promise<unknown>, boundMs: number): Promise<Settled> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => {
      resolve('hung');
    }, boundMs);
  });
  try {
    const outcome = await Promise.race([
      promise.then(
        (value) => ({ kind: 'fulfilled' as const, value }),
        (error: unknown) => ({ kind: 'rejected' as const, error }),
      ),
      hung,
    ]);
    const elapsedMs = performance.now() - started;
    return outcome === 'hung' ? { kind: 'hung', elapsedMs } : { ...outcome, elapsedMs };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `tasks` with at most `limit` in flight. */
export async function inBatches<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Collects unhandled rejections and uncaught exceptions between `start()` and `stop()`. */
export function watchUnhandled(): { start(): void; stop(): void; seen: unknown[] } {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    seen.push(reason);
  };
  const onException = (error: unknown): void => {
    seen.push(error);
  };
  return {
    seen,
    start() {
      process.on('unhandledRejection', onRejection);
      process.on('uncaughtException', onException);
    },
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}
