/** Cancels the body of a response that arrived after its attempt was aborted: nothing will ever read it. */
function cancelLateBody(promise: Promise<unknown>): void {
  void promise.then(
    (value) => {
      if (value instanceof Response) value.body?.cancel().catch(() => undefined);
    },
    () => undefined,
  );
}

/**
 * Settles like `promise`, or rejects as `aborted` does, whichever comes first; `signal` is the signal `aborted`
 * stands for. A response that arrives after the abort has its body cancelled.
 */
export async function raceAbort<T>(promise: Promise<T>, aborted: Promise<never>, signal: AbortSignal): Promise<T> {
  try {
    return await Promise.race([promise, aborted]);
  } catch (error) {
    if (signal.aborted) cancelLateBody(promise);
    throw error;
  }
}

/**
 * Settles like `promise`, or rejects with the signal's reason as soon as the signal aborts. undici 6 (Node 20's
 * fetch) can leave a fetch pending for ever after an abort: a 421 response whose body is cut short is re-sent, and
 * the re-sent request ignores the signal. A response that arrives after the abort has its body cancelled.
 */
export async function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      reject(signal.reason as Error);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  // The race of raceAbort, not a call of it: one async frame less on every request with a signal.
  try {
    return await Promise.race([promise, aborted]);
  } catch (error) {
    if (signal.aborted) cancelLateBody(promise);
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
