import { raceAbort, untilAborted } from './until-aborted.js';

/** The signal one attempt gives fetch: the caller's, or the caller's joined with the attempt's own timeout. */
interface AttemptSignal {
  /** The signal passed to fetch, or `undefined` when there is neither a caller's signal nor a timeout. */
  signal: AbortSignal | undefined;
  /**
   * Settles like `promise`, or rejects with the signal's reason as soon as it aborts (see {@link untilAborted});
   * `promise` itself without a signal.
   */
  race: <T>(promise: Promise<T>) => Promise<T>;
  /** Whether the attempt's own timeout fired (rather than the caller's signal). */
  timedOut(): boolean;
  /** The attempt is over and nothing of it reaches the caller: stops the timer and unlinks the caller's signal. */
  dispose(): void;
  /**
   * The attempt's response goes to the caller: stops the timer (a success body streams without it), while the
   * caller's signal keeps aborting the body for as long as the body can still be read.
   */
  handOver(response: Response): void;
}

// Shared by every attempt without a timeout, so the success path allocates no closures for them.
const neverTimedOut = (): boolean => false;
const nothingToDo = (): void => undefined;
const asItIs = <T>(promise: Promise<T>): Promise<T> => promise;
const WITHOUT_SIGNAL: AttemptSignal = Object.freeze({
  signal: undefined,
  race: asItIs,
  timedOut: neverTimedOut,
  dispose: nothingToDo,
  handOver: nothingToDo,
});

interface CallerLink {
  callerSignal: AbortSignal;
  onCallerAbort: () => void;
}

// A success body handed to the caller keeps the link to the caller's signal until the body is garbage: a body can
// be read long after the response resolved, and no standard event says when the caller is done with it. The link
// holds the attempt's controller only weakly, so a shared long-lived signal does not keep bodies (or listeners)
// alive; undici links its own listener to a request's signal the same way. AbortSignal.any is not used: Node 20
// keeps a reference to every signal it ever combined with a long-lived one (its dependants set is never pruned).
const controllersOfBodies = typeof WeakMap === 'undefined' ? undefined : new WeakMap<object, AbortController>();
const unlinkWhenCollected =
  typeof FinalizationRegistry === 'undefined' || typeof WeakRef === 'undefined'
    ? undefined
    : new FinalizationRegistry<CallerLink>(({ callerSignal, onCallerAbort }) => {
        callerSignal.removeEventListener('abort', onCallerAbort);
      });

/**
 * The caller's signal combined with this attempt's own timeout, told apart when one fires. Every listener it adds
 * to the caller's signal is removed by {@link AttemptSignal.dispose}, or once a handed-over body is collected.
 */
export function attemptSignal(callerSignal: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  if (timeoutMs === 0) {
    return callerSignal === undefined
      ? WITHOUT_SIGNAL
      : {
          signal: callerSignal,
          race: (promise) => untilAborted(promise, callerSignal),
          timedOut: neverTimedOut,
          dispose: nothingToDo,
          handOver: nothingToDo,
        };
  }
  const controller = new AbortController();
  const { signal } = controller;
  let timedOut = false;
  // Every abort of the attempt's own signal is ours (the timer, the caller's signal): each also rejects the race
  // directly, so racing costs no listener on the signal. Made by the first race only, which handles its rejection.
  let aborted: Promise<never> | undefined;
  let rejectRace: ((reason: unknown) => void) | undefined;
  const race = <T>(promise: Promise<T>): Promise<T> => {
    aborted ??= new Promise<never>((_resolve, reject) => {
      rejectRace = reject;
      if (signal.aborted) reject(signal.reason as Error);
    });
    return raceAbort(promise, aborted, signal);
  };
  // The settled race's promise holds the response it resolved with: what the caller's listener can reach must
  // not (a handed-over body is only unlinked from the caller's signal once it is garbage).
  const endRace = (): void => {
    aborted = undefined;
    rejectRace = undefined;
  };
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`The attempt timed out after ${String(timeoutMs)} ms`, 'TimeoutError'));
    rejectRace?.(signal.reason);
  }, timeoutMs);
  if (callerSignal === undefined) {
    const stopTimer = (): void => {
      clearTimeout(timer);
      endRace();
    };
    return { signal, race, timedOut: () => timedOut, dispose: stopTimer, handOver: stopTimer };
  }
  // Only a weak reference: the listener must not keep a handed-over body's controller alive (see above).
  const weakController = unlinkWhenCollected === undefined ? undefined : new WeakRef(controller);
  const onCallerAbort = (): void => {
    const target = weakController === undefined ? controller : weakController.deref();
    if (target === undefined) return;
    target.abort(callerSignal.reason);
    rejectRace?.(target.signal.reason);
  };
  if (callerSignal.aborted) onCallerAbort();
  else callerSignal.addEventListener('abort', onCallerAbort, { once: true });
  const dispose = (): void => {
    clearTimeout(timer);
    endRace();
    callerSignal.removeEventListener('abort', onCallerAbort);
  };
  return {
    signal,
    race,
    timedOut: () => timedOut,
    dispose,
    handOver: (response) => {
      const { body } = response;
      if (body === null || unlinkWhenCollected === undefined || controllersOfBodies === undefined) {
        dispose();
        return;
      }
      clearTimeout(timer);
      endRace();
      controllersOfBodies.set(body, controller);
      unlinkWhenCollected.register(body, { callerSignal, onCallerAbort });
    },
  };
}
