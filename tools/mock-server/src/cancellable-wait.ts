/**
 * Timers that can all be cancelled at once, so a closing server never leaves a pending delay, drip
 * pause or socket hold behind it.
 */
export interface CancellableWaits {
  /**
   * Resolves `true` after `ms` milliseconds, or `false` as soon as the waits are cancelled or `signal`
   * aborts (at once if that already happened).
   */
  wait(ms: number, signal?: AbortSignal): Promise<boolean>;
  /** Cancels every pending wait (they resolve `false`) and makes every later wait resolve `false`. */
  cancelAll(): void;
  /** Whether {@link CancellableWaits.cancelAll} was called. */
  readonly cancelled: boolean;
}

/** Creates an empty set of {@link CancellableWaits}. */
export function createCancellableWaits(): CancellableWaits {
  const pending = new Set<(done: boolean) => void>();
  let cancelled = false;
  return {
    wait(ms: number, signal?: AbortSignal): Promise<boolean> {
      if (cancelled || signal?.aborted === true) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        const finish = (done: boolean): void => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          pending.delete(finish);
          resolve(done);
        };
        const onAbort = (): void => {
          finish(false);
        };
        const timer = setTimeout(finish, ms, true);
        // The server's listening handle keeps the process alive; a pending wait alone must not.
        timer.unref();
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.add(finish);
      });
    },
    cancelAll(): void {
      cancelled = true;
      for (const finish of [...pending]) finish(false);
    },
    get cancelled(): boolean {
      return cancelled;
    },
  };
}
