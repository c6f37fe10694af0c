import { LONGEST_TIMER_MS } from '../options/validate.js';

/**
 * Waits `milliseconds`, rejecting with the signal's reason as soon as `signal` aborts, so a caller's abort is
 * honoured during a retry delay too. The timer never keeps the process alive on its own once aborted. A delay that
 * is not a number >= 0 (`NaN`, negative) waits no time; one longer than a timer can hold waits the longest a timer
 * can (about 24.8 days) instead of overflowing into 1 ms.
 */
export function sleep(milliseconds: number, signal?: AbortSignal | null): Promise<void> {
  const delay = milliseconds > 0 ? Math.min(milliseconds, LONGEST_TIMER_MS) : 0;
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delay);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
