import { readProperty, watchedErrorBody } from '@bce-errors/core/adapter';

// A compressed error body finishes decoding in the watcher after got has the (few) compressed bytes and fails the
// attempt: the conversion waits for it, briefly. The watcher settles when its decoder ends, errs or passes the bound,
// so this only bounds a decoder that never ends (it then falls back to got's bytes).
const DECODE_WAIT_MS = 2_000;

/** Resolves once the watcher is done with the error body of a got error (at once when it watched none). */
export async function errorBodySettled(error: unknown): Promise<void> {
  const response = readProperty(error, 'response');
  if (typeof response !== 'object' || response === null) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      watchedErrorBody(response),
      new Promise((resolve) => {
        timer = setTimeout(resolve, DECODE_WAIT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
