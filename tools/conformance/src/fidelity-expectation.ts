// What the library must give for one measured response in one style: what the real SDK of that style did, changed
// only by the named rows of the contract (docs/sdk-contract.md, section D, plus the P and X rules that decide where
// an SDK did something the library does not model). A pair either matches the SDK or is explained by a row; the
// rows applied are part of the expectation, so the test can count them.
import { STATUS_CODES } from 'node:http';
import type { SdkStyle } from '@bce-errors/core';
import type { OutcomeText, SdkOutcome } from './sdk-outcome.js';

/** The facts of one measured response that the rows need. */
export interface FidelityCase {
  id: string;
  method: string;
  status: number;
  /** The reason phrase the server sent; `undefined` for the standard one. */
  reason?: string | undefined;
  /** The response headers as sent, names in their case, in order. */
  headers: Readonly<Record<string, string>>;
  /** The body as the server meant it: decoded from gzip and chunked framing, padded. */
  body: Uint8Array;
  /** A fault cut the body after this many bytes on the wire. */
  cutAfterBytes?: number | undefined;
  /** `Content-Encoding` says gzip but the bytes are not. */
  falseEncoding?: boolean | undefined;
  /** The request carried a body (the SDKs sent `{"oracle":true}` with PUT and POST). */
  requestHasBody: boolean;
  /** What each real SDK did. */
  sdk: Readonly<Record<SdkStyle, SdkOutcome>>;
}

/** A text the library must give: exactly this, or (past the body bound) a prefix of the SDK's. */
export type ExpectedText = { exactly: string } | { prefixOf: OutcomeText; maxLength: number } | { digest: OutcomeText };

/** The expected result of one (case, style) pair, whatever the client. */
export type FidelityExpectation =
  | { outcome: 'success'; rows: readonly string[] }
  | {
      outcome: 'service';
      code: string;
      errorMessage: ExpectedText;
      requestId: string;
      statusCode: number;
      errorType: 'Client' | 'Service';
      /** The formatted `message` (F); `undefined` where it is the format of the `errorMessage` the client gave. */
      message: ExpectedText | undefined;
      attempts: number;
      rows: readonly string[];
    };

/** The body bound of the contract's P12 (the default `maxErrorBodyBytes`). */
export const FIDELITY_MAX_BODY_BYTES = 64 * 1024;

const SERVICE_ERROR_TYPES: Readonly<Record<SdkStyle, (outcome: SdkOutcome) => boolean>> = {
  go: (outcome) => outcome.type === '*bce.BceServiceError',
  java: (outcome) => outcome.type === 'com.baidubce.BceServiceException',
  python: (outcome) => outcome.lastErrorType === 'baidubce.exception.BceServerError',
};

/** The phrase the oracle's server sent when a scenario named none (`Unknown` for a status without one). */
function standardPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Unknown';
}

/** P5: Go's guess for an empty body, from the reason phrase the style reads. */
function guessedCode(status: number, reason: string): string {
  const table: Readonly<Record<number, string>> = {
    400: 'InvalidHTTPRequest',
    403: 'AccessDenied',
    412: 'PreconditionFailed',
    500: 'InternalError',
  };
  return table[status] ?? reason.replaceAll(' ', '');
}

/** F: the formatted message of a service error in a style. */
export function formatServiceMessage(
  style: SdkStyle,
  fields: { code: string; errorMessage: string; requestId: string; statusCode: number },
): string {
  const { code, errorMessage, requestId, statusCode } = fields;
  if (style === 'go') return `[Code: ${code}; Message: ${errorMessage}; RequestId: ${requestId}]`;
  if (style === 'java') {
    return `${errorMessage} (Status Code: ${String(statusCode)}; Error Code: ${code}; Request ID: ${requestId})`;
  }
  return errorMessage;
}

/** The reason phrase a style falls back to: as the server sent it, the standard one where it sent none (D4). */
function reasonPhrase(testCase: FidelityCase): { text: string; d4: boolean } {
  if (testCase.reason === undefined) return { text: standardPhrase(testCase.status), d4: false };
  if (testCase.reason === '') return { text: standardPhrase(testCase.status), d4: true };
  return { text: testCase.reason, d4: false };
}

/** The values of the request id header in the order they came, whatever the casing of the name. */
function requestIdHeaderValues(headers: Readonly<Record<string, string>>): string[] {
  return Object.entries(headers)
    .filter(([name]) => name.toLowerCase() === 'x-bce-request-id')
    .map(([, value]) => value);
}

/**
 * The request id header as each style reads it (P3): go and java the first value, python the last; trimmed
 * (D12 for python); java reads UTF-8 bytes as Latin-1, as Java does.
 */
function headerRequestId(testCase: FidelityCase, style: SdkStyle): string {
  const values = requestIdHeaderValues(testCase.headers);
  // The vectors keep a header's bytes as Latin-1 characters, as they went on the wire.
  const value = (style === 'python' ? values.at(-1) : values[0]) ?? '';
  if (style === 'java') return value.trim();
  const bytes = Buffer.from(value, 'latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).trim();
  } catch {
    return value.trim();
  }
}

function textOf(value: OutcomeText | null | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** R: whether a final service error of this status and code is retried by the style (3 retries = 4 attempts). */
function attemptsByRule(style: SdkStyle, status: number, code: string, requestHasBody: boolean): number {
  let retried: boolean;
  if (style === 'go') {
    retried =
      [500, 502, 503].includes(status) ||
      (status === 400 && code === 'Http400') ||
      (code === 'RequestExpired' && ![400, 500, 502, 503].includes(status));
  } else if (style === 'java') {
    retried = !requestHasBody && ([500, 502, 503].includes(status) || code === 'RequestExpired');
  } else {
    retried = [500, 503].includes(status);
  }
  return retried ? 4 : 1;
}

/** The first JSON value of a body, read leniently (BOM skipped, trailing bytes ignored), for the D6 message. */
function firstJsonObject(body: Uint8Array): Record<string, unknown> | undefined {
  const text = new TextDecoder().decode(body).replace(/^\uFEFF/u, '');
  for (let end = text.length; end > 0; end = text.lastIndexOf('}', end - 1)) {
    try {
      const value: unknown = JSON.parse(text.slice(0, end + 1));
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    } catch {
      // Try a shorter prefix: trailing bytes after the first value.
    }
  }
  return undefined;
}

/** Where each top-level field's value ends in the body, in bytes (`undefined` when the key is not found). */
function fieldEnd(body: Uint8Array, key: string): { keyAt: number; valueEnd: number } | undefined {
  const text = Buffer.from(body).toString('latin1');
  const keyAt = text.indexOf(`"${key}"`);
  if (keyAt === -1) return undefined;
  const colon = text.indexOf(':', keyAt + key.length + 2);
  const open = text.indexOf('"', colon);
  let index = open + 1;
  while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
  return { keyAt, valueEnd: index + 1 };
}

/** A JSON value's text as Java's Jackson gives a scalar (`404`, `true`), or `undefined` for an object or array. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  return undefined;
}

/** What the style reads when the body is empty (P5): zero bytes after decoding, a cut before the first byte. */
function bodyArrivedEmpty(testCase: FidelityCase): boolean {
  return (
    testCase.method === 'HEAD' ||
    testCase.body.byteLength === 0 ||
    testCase.cutAfterBytes === 0 ||
    testCase.falseEncoding === true
  );
}

/** The fields the go style gives (go's SDK, with go's own rows), which D1 hands to the other styles. */
interface GoFields {
  code: string;
  errorMessage: ExpectedText;
  requestId: string;
  /** Go fell back to its status line (no usable message): the other styles use their own fallback then. */
  fellBack: boolean;
}

function goFields(testCase: FidelityCase, goParse: GoParse | undefined): GoFields | undefined {
  const go = testCase.sdk.go;
  const reason = reasonPhrase(testCase);
  if (!SERVICE_ERROR_TYPES.go(go)) {
    // go resolves a 1xx or 3xx; what the go style would read from it comes from the library's own go reading.
    return goParse?.(testCase);
  }
  const message = go.message ?? '';
  const statusLine = `${String(testCase.status)} ${testCase.reason ?? standardPhrase(testCase.status)}`;
  const fellBack = message === statusLine;
  let code = go.code ?? '';
  if (bodyArrivedEmpty(testCase) && reason.d4 && code === '') code = guessedCode(testCase.status, reason.text);
  return {
    code,
    errorMessage: typeof message === 'string' ? { exactly: message } : { digest: message },
    requestId: go.requestId ?? '',
    fellBack,
  };
}

/**
 * The go style's reading of a response the Go SDK resolved (a 3xx), for D1 in the styles whose SDKs crash on it:
 * the contract defines D1's result as what the go style parses.
 */
export type GoParse = (testCase: FidelityCase) => GoFields | undefined;

/**
 * The expectation for one case in one style: the SDK's result, changed only by the rows that apply. Client
 * differences (X) are the caller's: this is what every client must give.
 */
export function fidelityExpectation(testCase: FidelityCase, style: SdkStyle, goParse?: GoParse): FidelityExpectation {
  const sdk = testCase.sdk[style];
  const { status } = testCase;
  const isErrorStatus = style === 'go' ? status >= 400 : status < 200 || status >= 300;
  if (!isErrorStatus) {
    // P1: a success for the style. The Java and Python SDKs also parse success bodies (and fail on some); the
    // library hands a success response to the caller untouched.
    return { outcome: 'success', rows: sdk.outcome === 'success' ? [] : ['P1'] };
  }

  const rows: string[] = [];
  const reason = reasonPhrase(testCase);
  const header = headerRequestId(testCase, style);
  const fallback = style === 'go' ? `${String(status)} ${reason.text}`.trim() : reason.text;
  const emptyBody = bodyArrivedEmpty(testCase);
  const parsedBody = emptyBody ? undefined : firstJsonObject(testCase.body);
  let code: string;
  let errorMessage: ExpectedText;
  let requestId: string;
  let crashed = false;

  const javaRedirect = style === 'java' && status >= 300 && status < 400 && !SERVICE_ERROR_TYPES.java(sdk);
  const pythonFalseEncoding = style === 'python' && testCase.falseEncoding === true;
  const javaComment = style === 'java' && !emptyBody && /^\s*\/[*/]/u.test(new TextDecoder().decode(testCase.body));
  // P8: Python treats a null value as a missing key, where its SDK raises KeyError or prints None (D1).
  const pythonNull =
    style === 'python' &&
    [parsedBody?.code, parsedBody?.message, parsedBody?.requestId].some((value) => value === null);
  if (SERVICE_ERROR_TYPES[style](sdk) && !pythonFalseEncoding && !javaComment && !pythonNull) {
    const raw = sdk as unknown as Record<string, unknown>;
    code = typeof raw.code === 'string' ? raw.code : '';
    requestId = typeof raw.requestId === 'string' ? raw.requestId : '';
    const sdkMessage = sdk.message;
    errorMessage =
      typeof sdkMessage === 'string' || sdkMessage == null ? { exactly: sdkMessage ?? '' } : { digest: sdkMessage };
    const bodyValues = [parsedBody?.code, parsedBody?.message, parsedBody?.requestId];
    if (
      style === 'python' &&
      bodyValues.some((value) => value !== undefined && value !== null && typeof value !== 'string')
    ) {
      // D8: Python keeps a non-string value and prints it with str(); the library gives java's reading: JSON text for
      // numbers and booleans, MalformedJSON for objects and arrays.
      rows.push('D8');
      if (bodyValues.some((value) => typeof value === 'object' && value !== null)) {
        code = 'MalformedJSON';
        errorMessage = { exactly: 'Service json error message decode failed' };
        requestId = header;
      } else {
        code = scalarText(parsedBody?.code) ?? code;
        errorMessage = { exactly: scalarText(parsedBody?.message) ?? fallback };
        requestId = scalarText(parsedBody?.requestId) ?? requestId;
      }
    }
    if (raw.code === null) {
      // D5: no code. An empty body gets Go's guess (P5), read with the style's reason phrase; otherwise ''.
      rows.push('D5');
      code = emptyBody ? guessedCode(status, reason.text) : '';
    }
    if (raw.requestId === null) {
      rows.push('D3');
      requestId = header;
    } else if (style === 'python' && requestId !== requestId.trim()) {
      rows.push('D12');
      requestId = requestId.trim();
    }
    if (style === 'java' && status >= 500 && textOf(sdk.message)?.includes('=== HTTP Response Details ===') === true) {
      // D6: Java puts a dump of the response headers in place of every 5xx message.
      rows.push('D6');
      // Java reads the exact `message` key; without one it falls back to the reason phrase (P4).
      errorMessage = { exactly: scalarText(parsedBody?.message) ?? fallback };
    }
    if (style === 'go' && sdk.statusCode !== status) rows.push('D2');
  } else {
    // The style's SDK crashed on an error response (D1; D13 for Java's redirect without Location; D9 for Python's
    // false encoding; D7 for Java's comments): the library gives go's fields, read the style's way.
    crashed = true;
    rows.push(javaRedirect ? 'D13' : pythonFalseEncoding ? 'D9' : javaComment ? 'D7' : 'D1');
    const go = goFields(testCase, goParse);
    code = go?.code ?? '';
    requestId = go?.requestId ?? header;
    if (requestId === headerRequestId(testCase, 'go')) requestId = header;
    errorMessage = go === undefined || go.fellBack ? { exactly: fallback } : go.errorMessage;
    if (javaComment) {
      code = 'MalformedJSON';
      errorMessage = { exactly: 'Service json error message decode failed' };
      requestId = header;
    }
  }

  // D4: the server sent no reason phrase: the fallback message, and Go's guessed code, use the standard one.
  if (reason.d4 && 'exactly' in errorMessage) {
    const sent = style === 'go' ? `${String(status)} ` : '';
    if (errorMessage.exactly === sent) {
      rows.push('D4');
      errorMessage = { exactly: fallback };
      if (code === '' && emptyBody) code = guessedCode(status, reason.text);
    }
  }

  // D10: a body over the bound. The fields read whole before the cut stay; the message is its readable start;
  // what comes after is not read (code '', the header's request id).
  if (!emptyBody && testCase.body.byteLength > FIDELITY_MAX_BODY_BYTES && code !== 'MalformedJSON') {
    rows.push('D10');
    const limit = FIDELITY_MAX_BODY_BYTES;
    const codeAt = fieldEnd(testCase.body, 'code');
    const idAt = fieldEnd(testCase.body, 'requestId');
    const messageAt = fieldEnd(testCase.body, 'message');
    if (codeAt !== undefined && codeAt.valueEnd > limit) code = '';
    if (idAt !== undefined && idAt.valueEnd > limit) requestId = header;
    if (messageAt !== undefined && messageAt.valueEnd > limit && messageAt.keyAt < limit) {
      const whole: OutcomeText =
        'exactly' in errorMessage
          ? errorMessage.exactly
          : 'digest' in errorMessage
            ? errorMessage.digest
            : errorMessage.prefixOf;
      errorMessage = { prefixOf: whole, maxLength: limit };
    } else if (messageAt !== undefined && messageAt.keyAt >= limit) {
      errorMessage = { exactly: fallback };
    }
  }

  const attemptsSdk = SERVICE_ERROR_TYPES[style](sdk) && !crashed;
  let attempts = attemptsSdk ? sdk.attempts : attemptsByRule(style, status, code, testCase.requestHasBody);
  if (style === 'java' && testCase.requestHasBody && attempts > 1) attempts = 1;
  const errorType = status >= 500 ? 'Service' : 'Client';
  let message: ExpectedText | undefined;
  if (rows.length === 0) {
    // Nothing changed: the SDK's own formatted text is the expectation, so the format (F) is checked too.
    const own = style === 'go' ? sdk.errorString : style === 'java' ? sdk.getMessage : sdk.message;
    message = typeof own === 'string' ? { exactly: own } : own == null ? undefined : { digest: own };
  } else if ('exactly' in errorMessage) {
    message = {
      exactly: formatServiceMessage(style, { code, errorMessage: errorMessage.exactly, requestId, statusCode: status }),
    };
  }
  return { outcome: 'service', code, errorMessage, requestId, statusCode: status, errorType, message, attempts, rows };
}
