/** What ends an error-body read early: any of `signals` aborting, or `stallMs` without a byte (when set). */
export interface BodyStop {
  signals: readonly (AbortSignal | undefined)[];
  stallMs: number | undefined;
}

interface Emitter {
  on(event: 'data', listener: () => void): unknown;
  removeListener(event: 'data', listener: () => void): unknown;
  destroy(): unknown;
}

function isEmitter(value: unknown): value is Emitter {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { on?: unknown }).on === 'function' &&
    typeof (value as { removeListener?: unknown }).removeListener === 'function' &&
    typeof (value as { destroy?: unknown }).destroy === 'function'
  );
}

function isCancellable(value: unknown): value is ReadableStream {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { cancel?: unknown }).cancel === 'function' &&
    typeof (value as { getReader?: unknown }).getReader === 'function'
  );
}

/**
 * Waits for `read` (the error body), unless `stop` ends it first: a signal aborts (`stopped`, the streams are
 * destroyed) or the body sends nothing for `stop.stallMs` (the streams are destroyed and `read` then settles with
 * what arrived, marked incomplete by whoever read it). `streams` are the Node response and axios' copy of it, the
 * first one an emitter is watched for bytes.
 */
export async function readErrorBodyWithin<T>(
  read: Promise<T>,
  stop: BodyStop,
  streams: readonly unknown[],
): Promise<T | 'stopped'> {
  const signals = stop.signals.filter((signal): signal is AbortSignal => signal !== undefined);
  const stallMs = stop.stallMs;
  // Nothing can stop the read (a body axios already read whole, no timeout, no signal): no listener, no timer.
  if (signals.length === 0 && stallMs === undefined) return read;
  const emitters = streams.filter(isEmitter);
  const webStreams = streams.filter(isCancellable);
  const destroy = (): void => {
    for (const stream of emitters) stream.destroy();
    // A locked stream is cancelled through its reader, by whoever reads it; an unread one here.
    for (const stream of webStreams) if (!stream.locked) void stream.cancel().catch(() => undefined);
  };
  if (signals.some((signal) => signal.aborted)) {
    destroy();
    return 'stopped';
  }
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<'stopped'>((resolve) => {
    onAbort = () => {
      destroy();
      resolve('stopped');
    };
  });
  for (const signal of signals) signal.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Without a stall guard, bytes arriving need not be watched.
  const watched = stallMs === undefined ? undefined : emitters[0];
  const rearm = (): void => {
    clearTimeout(timer);
    // Destroyed, the streams end: the read settles with what arrived, as for a body cut short (P7).
    if (stallMs !== undefined) timer = setTimeout(destroy, stallMs);
  };
  if (stallMs !== undefined) rearm();
  watched?.on('data', rearm);
  try {
    const outcome = await Promise.race([read, aborted]);
    // axios hears the same abort and ends the body first, which settles `read` with what arrived: still stopped.
    return signals.some((signal) => signal.aborted) ? 'stopped' : outcome;
  } finally {
    clearTimeout(timer);
    watched?.removeListener('data', rearm);
    for (const signal of signals) signal.removeEventListener('abort', onAbort);
  }
}
