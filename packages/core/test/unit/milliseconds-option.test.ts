import { describe, expect, it } from 'vitest';
import { checkMilliseconds, sleep } from '../../src/adapter.js';

// Node (and browsers) keep a timer's delay in a signed 32-bit integer: a longer one overflows and fires after 1 ms,
// so a timeout of 2^31 ms would end every request at once instead of never.
const LONGEST_TIMER_MS = 2_147_483_647;

describe('checkMilliseconds', () => {
  it.each([0, 1, 1.5, 30_000, LONGEST_TIMER_MS])('accepts %d', (value) => {
    expect(checkMilliseconds(value, 'timeoutMs', 'createBceFetch')).toBe(value);
  });

  it('is 0 (off) when absent', () => {
    expect(checkMilliseconds(undefined, 'timeoutMs', 'createBceFetch')).toBe(0);
  });

  it.each([LONGEST_TIMER_MS + 1, 2 ** 31, 2 ** 32, 1e12, Number.MAX_SAFE_INTEGER])(
    'rejects %d, longer than any timer can wait, naming the limit',
    (value) => {
      expect(() => checkMilliseconds(value, 'timeoutMs', 'createBceFetch')).toThrow(TypeError);
      expect(() => checkMilliseconds(value, 'timeoutMs', 'createBceFetch')).toThrow(
        `createBceFetch: timeoutMs must be a number of milliseconds >= 0 and at most 2147483647 (about 24.8 days) (got ${String(value)}); 0 turns it off.`,
      );
    },
  );

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, '100', null])('rejects %s as before', (value) => {
    expect(() => checkMilliseconds(value, 'timeoutMs', 'createBceFetch')).toThrow(
      /^createBceFetch: timeoutMs must be a number of milliseconds >= 0/,
    );
  });
});

describe('sleep: a delay no timer can hold never fires early', () => {
  it('a delay past the longest timer still waits (it is not cut to 1 ms by the overflow)', async () => {
    const controller = new AbortController();
    let settled = false;
    const waiting = sleep(2 ** 32 + 5, controller.signal).then(
      () => {
        settled = true;
      },
      () => undefined,
    );
    // Timers of 1 ms and 20 ms run out first: an overflowed timer would have fired before them.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    controller.abort();
    await waiting;
    expect(settled).toBe(false);
  });

  it('a NaN or negative delay waits no time instead of throwing', async () => {
    await expect(sleep(Number.NaN)).resolves.toBeUndefined();
    await expect(sleep(-5)).resolves.toBeUndefined();
  });
});
