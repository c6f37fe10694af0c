// got's streams reject nothing: they emit. An abort by the caller's signal (and a signal that times out) destroys
// the stream with got's own AbortError/TimeoutError, which never passes `beforeError` and carries the request's
// options, Authorization and Cookie as sent. The conversion therefore sits where every error of a stream ends up,
// `destroy` (which Node keeps as `stream.errored`) and its `_destroy` callback (which Node emits as 'error'), so both
// hold the converted error.

interface GotStream {
  destroy?: (error?: Error | null) => unknown;
  _destroy?: (error: Error | null, callback: (error?: Error | null) => void) => void;
  emit: (event: string | symbol, ...args: unknown[]) => boolean;
}

/** got wraps an error that is not its own (ours, already converted) in a RequestError: the error it was given. */
function unwrapped(final: Error, given: Error | null): Error {
  return given !== null && (final as { cause?: unknown }).cause === given ? given : final;
}

/**
 * Makes every error of a got stream (and of the streams its 'retry' event creates) the result of `convert`, and
 * hands 'retry' listeners the converted error of the attempt that is retried.
 *
 * @param convertFinal turns the error a stream is destroyed with into the error it emits
 * @param convertRetried turns the error of a retried attempt (and its retry count) into what 'retry' listeners get
 */
export function convertStreamErrors(
  stream: unknown,
  convertFinal: (error: Error) => Error,
  convertRetried: (error: unknown, retryCount: number) => unknown,
): void {
  if (typeof stream !== 'object' || stream === null) return;
  const target = stream as GotStream;
  const { destroy, _destroy: destroyInternally } = target;
  if (typeof destroy !== 'function' || typeof destroyInternally !== 'function') return;
  target.destroy = function convertingDestroy(this: unknown, error) {
    return destroy.call(this, error === null || error === undefined ? error : convertFinal(error));
  };
  target._destroy = function convertingInternalDestroy(this: unknown, error, callback) {
    destroyInternally.call(this, error, (final) => {
      callback(final === null || final === undefined ? final : convertFinal(unwrapped(final, error)));
    });
  };
  const emit = target.emit;
  target.emit = function convertingEmit(this: unknown, event, ...args) {
    if (event === 'retry' && typeof args[0] === 'number') {
      const retryCount = args[0];
      args[1] = convertRetried(args[1], retryCount - 1);
      const createRetryStream = args[2];
      if (typeof createRetryStream === 'function') {
        // The stream of the next attempt is made by got, outside the handlers: it is converted here.
        args[2] = (...retryArgs: unknown[]): unknown => {
          const next: unknown = (createRetryStream as (...values: unknown[]) => unknown)(...retryArgs);
          convertStreamErrors(next, convertFinal, convertRetried);
          return next;
        };
      }
    }
    return emit.call(this, event, ...args);
  };
}
