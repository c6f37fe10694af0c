import {
  expectArray,
  expectNumber,
  expectObject,
  expectString,
  isJsonObject,
  shapeError,
  type JsonObject,
} from './json-shape.js';

/** How the vectors record a text too long to keep whole (e.g. the 2 MiB message of s25). */
export interface TruncatedText {
  /** Always `true`. */
  readonly truncated: true;
  /** Length of the full text in UTF-16 code units. */
  readonly length: number;
  /** Length of the full text in UTF-8 bytes. */
  readonly utf8Bytes: number;
  /** SHA-256 (hex) of the full text's UTF-8 bytes. */
  readonly sha256: string;
  /** The first characters of the full text. */
  readonly head: string;
  /** The last characters of the full text. */
  readonly tail: string;
}

/** A text field of an outcome: the text itself, or a summary of a very long one. */
export type OutcomeText = string | TruncatedText;

/**
 * What one real SDK did for one scenario (in `sdk-vectors.json` and in `oracle-vectors.json`). The fields
 * named here are checked when the fixture loads; every other field of the fixture (`response`...) is kept
 * as `unknown`.
 */
export interface SdkOutcome {
  /** Whether the SDK call failed or returned a result. */
  readonly outcome: 'error' | 'success';
  /** Requests the server saw. */
  readonly attempts: number;
  /** Attempts the SDK itself reported (it differs from `attempts` when no request reached the server). */
  readonly clientAttempts: number;
  /**
   * Delays (ms) between consecutive attempts the server saw. Absent in the oracle vectors, whose retry
   * delays were 1 ms and were not measured.
   */
  readonly gapsMs?: readonly number[];
  /** The SDK's error class. */
  readonly type?: string;
  /**
   * The parsed error code (`null` where the SDK had none). Typed as the string it nearly always is, but not
   * checked: in two oracle Python outcomes (s5016, s5149) it is the body's array or object, copied by the SDK
   * as it was. Test `typeof code === 'string'` before using it as text.
   */
  readonly code?: string | null;
  /** The error message as the SDK exposes it (`null` where it had none). */
  readonly message?: OutcomeText | null;
  /**
   * The request id (`null` where the SDK had none). Typed like `code`, and not checked either: in three oracle
   * Python outcomes (s5135, s5183, s6018) it is the body's number or boolean.
   */
  readonly requestId?: string | null;
  /** The HTTP status (`null` for transport failures in Java and Python). */
  readonly statusCode?: number | null;
  /** Go: the error's `Error()` string. */
  readonly errorString?: OutcomeText | null;
  /** Java: the exception's `getMessage()`. */
  readonly getMessage?: OutcomeText | null;
  /** Java: `getErrorType()`. */
  readonly errorType?: 'Client' | 'Service' | null;
  /** Java (oracle vectors): the error kind the runner recorded (`getErrorType()` of a service exception; `null` otherwise). */
  readonly errorKind?: 'Client' | 'Service' | null;
  /** Java: the class of the exception's cause (`null` when it has none). */
  readonly causeType?: string | null;
  /** Java: the cause's message. */
  readonly causeMessage?: OutcomeText | null;
  /** Python: the class of the last error the SDK raised (`type` is the first). */
  readonly lastErrorType?: string | null;
  /** Python: the first line of `str(error)`. */
  readonly strFirstLine?: string | null;
  /** Python: the last line of `str(error)` (the last error's own text, `>>>>` first). */
  readonly strLastLine?: OutcomeText | null;
  /** Every other recorded field. */
  readonly [field: string]: unknown;
}

function isTruncatedText(value: unknown): value is TruncatedText {
  return (
    isJsonObject(value) &&
    value.truncated === true &&
    typeof value.length === 'number' &&
    typeof value.utf8Bytes === 'number' &&
    typeof value.sha256 === 'string' &&
    typeof value.head === 'string' &&
    typeof value.tail === 'string'
  );
}

function checkOptional(
  outcome: JsonObject,
  field: string,
  where: string,
  expected: string,
  accepts: (value: unknown) => boolean,
): void {
  const value = outcome[field];
  if (value !== undefined && value !== null && !accepts(value)) throw shapeError(`${where}.${field}`, expected, value);
}

const isString = (value: unknown): boolean => typeof value === 'string';
const isText = (value: unknown): boolean => typeof value === 'string' || isTruncatedText(value);

/**
 * Checks one SDK outcome of the fixture and returns it typed.
 *
 * @param value - The parsed JSON value.
 * @param where - Its location in the fixture, for error messages (e.g. `scenarios[0].sdk.go`).
 * @throws TypeError naming the location when a checked field has the wrong shape.
 */
export function parseSdkOutcome(value: unknown, where: string): SdkOutcome {
  const outcome = expectObject(value, where);
  const kind = expectString(outcome.outcome, `${where}.outcome`);
  if (kind !== 'error' && kind !== 'success') throw shapeError(`${where}.outcome`, "'error' or 'success'", kind);
  expectNumber(outcome.attempts, `${where}.attempts`);
  expectNumber(outcome.clientAttempts, `${where}.clientAttempts`);
  if (outcome.gapsMs !== undefined) {
    expectArray(outcome.gapsMs, `${where}.gapsMs`).forEach((gap, index) => {
      expectNumber(gap, `${where}.gapsMs[${String(index)}]`);
    });
  }
  checkOptional(outcome, 'type', where, 'a string', isString);
  // `code` and `requestId` are not checked: Python copies a body's non-string value as it was (see SdkOutcome).
  for (const field of ['errorType', 'errorKind']) {
    checkOptional(
      outcome,
      field,
      where,
      "'Client', 'Service' or null",
      (value) => value === 'Client' || value === 'Service',
    );
  }
  for (const field of ['lastErrorType', 'strFirstLine', 'causeType']) {
    checkOptional(outcome, field, where, 'a string or null', isString);
  }
  checkOptional(outcome, 'statusCode', where, 'a number or null', (field) => typeof field === 'number');
  for (const field of ['message', 'errorString', 'getMessage', 'strLastLine', 'causeMessage']) {
    checkOptional(outcome, field, where, 'a string, a truncated-text summary or null', isText);
  }
  // Every other field the interface names was checked above; the rest stays `unknown`.
  return outcome as SdkOutcome;
}
