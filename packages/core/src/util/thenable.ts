// What an `async` user callback returns instead of its answer: recognised, and never left to reject unhandled.

/** Whether a value is a promise or promise-like: what an `async` callback returns instead of its answer. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  try {
    return typeof (value as { then?: unknown }).then === 'function';
  } catch {
    return false;
  }
}

/** Attaches a handler that ignores the rejection of a promise nothing waits for. */
export function ignoreRejection(value: PromiseLike<unknown>): void {
  try {
    value.then(undefined, () => undefined);
  } catch {
    // A thenable whose `then` throws has nothing to reject later.
  }
}
