import {
  ERROR_BODY_STALL_MILLISECONDS,
  readProperty,
  readWatchedErrorBody,
  watchedErrorBody,
} from '@bce-errors/core/adapter';

// A compressed error body finishes decoding in the watcher after got has the (few) compressed bytes and fails the
// attempt: the conversion waits for it, briefly. The watcher settles when its decoder ends, errs or passes the bound,
// so this only bounds a decoder that never ends (it then falls back to got's bytes): a decoded body that sends
// nothing for the stall limit has stalled, as a body from the network would have.

async function decodeFinished(response: object): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      watchedErrorBody(response),
      new Promise((resolve) => {
        timer = setTimeout(resolve, ERROR_BODY_STALL_MILLISECONDS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A promise that resolves once the watcher is done with the error body of a got error, or `undefined` when there is
 * nothing to wait for: no response, or a body the watcher already kept (a plain body is kept by the time got fails
 * the attempt). Nothing to wait for costs no promise, no timer and no `await`.
 */
export function errorBodySettled(error: unknown): Promise<void> | undefined {
  const response = readProperty(error, 'response');
  if (typeof response !== 'object' || response === null) return undefined;
  if (readWatchedErrorBody(response) !== undefined) return undefined;
  return decodeFinished(response);
}
