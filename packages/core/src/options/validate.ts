// Every option check of the package, in one place, so each rule has one message:
// `where: name must be … (got X); the default is …`. `where` names the function or adapter that was called.
import { editDistance } from '../util/edit-distance.js';
import type { ErrorDialect } from '../parse/parse-service-error.js';
import { DEFAULT_SDK_STYLE, type SdkStyle } from '../sdk-style.js';

/** The `TypeError` every option check throws: where the mistake is, then what to fix. */
export function optionError(where: string, problem: string): TypeError {
  return new TypeError(`${where}: ${problem}`);
}

/** A short, safe rendering of a user-supplied value for an error message (never calls a hostile `toString`). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
}

/**
 * Whether a user-supplied value is a plain object, made by `{}` or `Object.create(null)` in any realm. An array, a
 * `Date`, a `Map` or a class instance is not: each has no option of its own, so it would silently mean the defaults.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  try {
    const prototype: unknown = Object.getPrototypeOf(value);
    // This realm's Object.prototype first: one call instead of two on every parse that passes options.
    return prototype === Object.prototype || prototype === null || Object.getPrototypeOf(prototype) === null;
  } catch {
    // A proxy whose getPrototypeOf trap throws is no plain object.
    return false;
  }
}

/**
 * Checks a user's options object: a plain object (see {@link isPlainObject}) whose own names are all in `known`.
 * It runs on every call of `parseServiceError`, so it allocates nothing for good options: `for…in` walks the
 * object's cached keys where `Object.keys` would build an array. `example` shows what to pass instead of a non-object.
 * @throws TypeError for a value that is not a plain object, or an unknown name (naming the closest known one).
 */
export function checkOptionNames(
  options: unknown,
  known: readonly string[],
  example: string,
  where: string,
): asserts options is Record<string, unknown> {
  if (!isPlainObject(options)) {
    throw optionError(where, `options must be a plain object such as ${example} (got ${describeValue(options)}).`);
  }
  let unknownName: string | undefined;
  try {
    for (const key in options) {
      // Own names only: an enumerable name on Object.prototype (pollution) is no option of this call.
      if (!known.includes(key) && Object.hasOwn(options, key)) {
        unknownName = key;
        break;
      }
    }
  } catch {
    throw optionError(where, 'the options could not be read (a proxy threw); pass a plain object.');
  }
  if (unknownName !== undefined) throw unknownOptionError(where, unknownName, known);
}

/**
 * Reads one option of a user's options object. Absent options (`undefined`, `null`) have no values.
 * @throws TypeError naming the option when its getter (or a proxy) throws, never the getter's own error.
 */
export function readOption(options: unknown, key: string, where: string): unknown {
  if (options === undefined || options === null) return undefined;
  try {
    return (options as Record<string, unknown>)[key];
  } catch {
    throw optionError(where, `the option '${key}' could not be read (its getter threw); pass plain values.`);
  }
}

/**
 * Whether a user-supplied option is a whole number of at least `min` (a count of bytes or retries). `NaN`,
 * `Infinity`, fractions and numeric strings are not.
 */
export function isWholeNumber(value: unknown, min: number): value is number {
  return Number.isInteger(value) && (value as number) >= min;
}

/**
 * Validates a user-supplied style, so a typo fails at set-up time instead of silently picking a default.
 * @throws TypeError naming the accepted values.
 */
export function resolveSdkStyle(style: unknown, where: string): SdkStyle {
  if (style === undefined) return DEFAULT_SDK_STYLE;
  if (style === 'go' || style === 'java' || style === 'python') return style;
  throw optionError(where, `unknown style ${describeValue(style)}; use 'go', 'java' or 'python'.`);
}

/**
 * Validates a user-supplied dialect, so a typo fails at set-up time instead of silently reading fewer shapes.
 * @throws TypeError naming the accepted values.
 */
export function resolveDialect(dialect: unknown, where: string): ErrorDialect {
  const value = dialect ?? 'bce';
  if (value === 'bce' || value === 'auto') return value;
  throw optionError(where, `unknown dialect ${describeValue(value)}; use 'bce' or 'auto'.`);
}

/** The default of `maxErrorBodyBytes`: 64 KiB. */
export const DEFAULT_MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * `maxErrorBodyBytes`: a positive whole number of bytes, {@link DEFAULT_MAX_ERROR_BODY_BYTES} when absent.
 * @throws TypeError saying what to pass.
 */
export function checkMaxErrorBodyBytes(value: unknown, where: string): number {
  if (value === undefined) return DEFAULT_MAX_ERROR_BODY_BYTES;
  if (isWholeNumber(value, 1)) return value;
  throw optionError(
    where,
    `maxErrorBodyBytes must be a positive whole number of bytes (got ${describeValue(value)}); the default is 65536.`,
  );
}

/**
 * `retries`, the count of retries made so far: a whole number >= 0, 0 when absent.
 * @throws TypeError saying what to pass.
 */
export function checkRetries(value: unknown, where: string): number {
  if (value === undefined) return 0;
  if (isWholeNumber(value, 0)) return value;
  throw optionError(where, `retries must be a whole number >= 0 (got ${describeValue(value)}); the default is 0.`);
}

/**
 * `retry.maxRetries`: a whole number >= 0.
 * @throws TypeError saying what to pass, and how to turn retries off.
 */
export function checkMaxRetries(value: unknown, where: string): number {
  if (isWholeNumber(value, 0)) return value;
  throw optionError(
    where,
    `retry.maxRetries must be a whole number >= 0 (got ${describeValue(value)}); use 0 or retry: false to turn retries off.`,
  );
}

/**
 * An optional boolean flag.
 * @throws TypeError naming the flag.
 */
export function checkFlag(value: unknown, name: string, where: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw optionError(where, `${name} must be true or false (got ${describeValue(value)}).`);
}

/**
 * An optional text option, such as `sentRequestId` or a catalog `service`.
 * @throws TypeError naming the option, with `example` when given.
 */
export function checkOptionalString(value: unknown, name: string, where: string, example = ''): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  const such = example === '' ? '' : ` such as ${example}`;
  throw optionError(where, `${name} must be a string${such} (got ${describeValue(value)}).`);
}

/**
 * A catalog service filter: absent, or one of `services`, so a typo fails instead of matching nothing.
 * @throws TypeError naming the closest service and every one there is.
 */
export function checkCatalogService<Service extends string>(
  value: unknown,
  services: readonly Service[],
  where: string,
): Service | undefined {
  if (value === undefined || services.includes(value as Service)) return value as Service | undefined;
  const closest = typeof value === 'string' ? closestName(value, services) : undefined;
  const hint = closest === undefined ? '' : ` (did you mean '${closest}'?)`;
  const quoted = services.map((service) => `'${service}'`);
  const list = `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1) ?? ''}`;
  throw optionError(where, `unknown service ${describeValue(value)}${hint}; use ${list}.`);
}

/**
 * The longest delay a timer can hold: Node and browsers keep it in a signed 32-bit integer, and a longer one
 * overflows and fires after 1 ms (about 24.8 days).
 */
export const LONGEST_TIMER_MS = 2_147_483_647;

/**
 * A number of milliseconds from 0 to {@link LONGEST_TIMER_MS}, where 0 turns the feature off. A longer value is
 * rejected, not capped: a timer would fire after 1 ms instead of never.
 * @throws TypeError naming the option.
 */
export function checkMilliseconds(value: unknown, name: string, where: string): number {
  if (value === undefined) return 0;
  if (typeof value === 'number' && value >= 0 && value <= LONGEST_TIMER_MS) return value;
  throw optionError(
    where,
    `${name} must be a number of milliseconds >= 0 and at most ${String(LONGEST_TIMER_MS)} (about 24.8 days) (got ${describeValue(value)}); 0 turns it off.`,
  );
}

/**
 * The candidate a mistyped option name most likely meant: the closest by {@link editDistance}, when it is at most a
 * third of the longer name away (at least 1, at most 3), so `maxErrorBodyByte` finds `maxErrorBodyBytes` but `timeout`
 * finds nothing. Ties go to the earlier candidate.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistanceIgnoringCase(name, candidate);
    const allowed = Math.min(3, Math.max(1, Math.floor(Math.max(name.length, candidate.length) / 3)));
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * An unknown option name: `where: unknown option 'name' (did you mean 'closest'?); the options are …`. `prefix`
 * names the object it was found in (`'retry.'`), for both the unknown name and the suggestion.
 */
function unknownOptionError(where: string, name: string, known: readonly string[], prefix = ''): TypeError {
  const closest = closestName(name, known);
  const hint = closest === undefined ? '' : ` (did you mean '${prefix}${closest}'?)`;
  const what = prefix === '' ? 'the options are' : `the ${prefix.slice(0, -1)} options are`;
  return optionError(where, `unknown option '${prefix}${name}'${hint}; ${what} ${known.join(', ')}.`);
}

// Retry options of the clients and retry libraries the adapters sit on, passed to an adapter's `retry` by mistake:
// whose they are, and the adapter's option that does that job.
const FOREIGN_RETRY_OPTIONS: Readonly<Record<string, readonly [owner: string, ours: string]>> = {
  limit: ["got's", 'maxRetries'],
  calculateDelay: ["got's", 'delayMs'],
  backoffLimit: ["got's", 'delayMs'],
  noise: ["got's", 'delayMs'],
  maxRetryAfter: ["got's", 'delayMs'],
  methods: ["got's", 'shouldRetry'],
  statusCodes: ["got's", 'shouldRetry'],
  errorCodes: ["got's", 'shouldRetry'],
  enforceRetryRules: ["got's", 'shouldRetry'],
  retries: ["axios-retry's", 'maxRetries'],
  retryDelay: ["axios-retry's", 'delayMs'],
  retryCondition: ["axios-retry's", 'shouldRetry'],
};

/** The keys `retry` takes: the replaceable parts of a retry policy. */
export const RETRY_OPTIONS: readonly string[] = ['maxRetries', 'delayMs', 'shouldRetry'];

/**
 * The keys of an adapter's `retry` object: the parts of a retry policy and nothing else. A retry option of got or
 * axios-retry gets its own hint (whose it is, and ours that does its job); any other name the closest valid one.
 * @throws TypeError for an unknown key.
 */
export function checkRetryOptionNames(retry: object, where: string): void {
  for (const key of Object.keys(retry)) {
    if (RETRY_OPTIONS.includes(key)) continue;
    const foreign = Object.hasOwn(FOREIGN_RETRY_OPTIONS, key) ? FOREIGN_RETRY_OPTIONS[key] : undefined;
    if (foreign === undefined) throw unknownOptionError(where, key, RETRY_OPTIONS, 'retry.');
    const [owner, ours] = foreign;
    const example = ours === 'maxRetries' ? 'retry: { maxRetries: 0 } or retry: false' : `retry: { ${ours} }`;
    const elsewhere =
      owner === "got's" ? `; got's own retry.${key} belongs in got.extend() or a request's options` : '';
    throw optionError(
      where,
      `'retry.${key}' is ${owner} option, not one of this adapter's; use ${example}${elsewhere} (the retry options are ${RETRY_OPTIONS.join(', ')}).`,
    );
  }
}

/** {@link editDistance} of two names, ignoring case (`stlye` is 1 from `style`, `maxRetry` 2 from `maxRetries`). */
function editDistanceIgnoringCase(a: string, b: string): number {
  return editDistance(a.toLowerCase(), b.toLowerCase());
}
