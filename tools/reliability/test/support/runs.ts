import fc, { type Parameters as FcParameters } from 'fast-check';

/**
 * How many runs each property gets: `BCE_FC_RUNS` when set, else 10 000 on CI (`CI` set) and 1 000 locally.
 * `BCE_FC_SEED` replays a failure (fast-check prints the seed and path in every failure report).
 */
export function propertyRuns(): number {
  const fromEnv = Number(process.env.BCE_FC_RUNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return process.env.CI === undefined || process.env.CI === '' ? 1_000 : 10_000;
}

/** How many random responses each adapter gets: `BCE_RANDOM_CASES`, else 300. */
export function randomCasesPerAdapter(): number {
  const fromEnv = Number(process.env.BCE_RANDOM_CASES);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 300;
}

/** fast-check parameters shared by every property: the run count, verbose reports (seed, path, counterexample). */
export function propertyParameters<T>(extra: FcParameters<T> = {}): FcParameters<T> {
  const seed = Number(process.env.BCE_FC_SEED);
  const path = process.env.BCE_FC_PATH;
  return {
    numRuns: propertyRuns(),
    // The report names the seed, the path and every failing value tried while shrinking.
    verbose: fc.VerbosityLevel.Verbose,
    ...(Number.isInteger(seed) ? { seed } : {}),
    ...(path === undefined || path === '' ? {} : { path }),
    ...extra,
  };
}
