// got wraps whatever a hook throws in its own RequestError, so a user's error loses its class and fields, and a
// throwing `beforeRetry` hook drops the service error it was called for. The user's hooks are wrapped (on the
// request's own copy of its hooks) to remember what they threw, and for `beforeRetry`, about which error.

type Hook = (...args: unknown[]) => unknown;

/** What a user's hook threw, remembered for the conversion of the error got makes of it. */
export interface UserHookFailures {
  /** The user's own error, when `error` (or its `cause`) is one a user's hook threw. */
  failureOf(error: unknown): unknown;
  /** The got error a `beforeRetry` hook was called for when it threw `failure`. */
  retriedErrorOf(failure: unknown): unknown;
  /** Wraps the user's hooks of one event in place; `ours` are left as they are. */
  wrap(hooks: unknown[], event: 'beforeRequest' | 'afterResponse' | 'beforeRetry', ours: ReadonlySet<unknown>): void;
}

/** Remembers what the user's got hooks threw, for one adapter instance. */
export function createUserHookFailures(): UserHookFailures {
  const failures = new WeakSet();
  const retried = new WeakMap<object, unknown>();
  const wrappers = new WeakSet();

  function remember(thrown: unknown, event: string, args: readonly unknown[]): void {
    if (typeof thrown !== 'object' || thrown === null) return;
    failures.add(thrown);
    if (event === 'beforeRetry') retried.set(thrown, args[0]);
  }

  return {
    failureOf(error) {
      if (typeof error !== 'object' || error === null) return undefined;
      if (failures.has(error)) return error;
      const cause: unknown = (error as { cause?: unknown }).cause;
      return typeof cause === 'object' && cause !== null && failures.has(cause) ? cause : undefined;
    },
    retriedErrorOf(failure) {
      return typeof failure === 'object' && failure !== null ? retried.get(failure) : undefined;
    },
    wrap(hooks, event, ours) {
      for (const [index, hook] of hooks.entries()) {
        if (typeof hook !== 'function' || ours.has(hook) || wrappers.has(hook)) continue;
        const wrapper = async function userHook(this: unknown, ...args: unknown[]): Promise<unknown> {
          try {
            return await (hook as Hook).apply(this, args);
          } catch (thrown) {
            remember(thrown, event, args);
            throw thrown;
          }
        };
        wrappers.add(wrapper);
        hooks[index] = wrapper;
      }
    },
  };
}
