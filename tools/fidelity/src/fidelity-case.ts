import type { ConformanceScenario, FidelityCase, GoParse } from '@bce-errors/conformance';
import { isBceServiceError, toBceError } from '@bce-errors/core';
import { scenarioBodyBytes } from '@bce-errors/conformance';
import { STATUS_CODES } from 'node:http';
import { gunzipSync } from 'node:zlib';

/** The request body the SDKs sent with PUT and POST for the measurements. */
export const MEASURED_REQUEST_BODY = '{"oracle":true}';

function hasHeader(headers: Readonly<Record<string, string>>, name: string, value: RegExp): boolean {
  return Object.entries(headers).some(([key, text]) => key.toLowerCase() === name && value.test(text));
}

/** Removes HTTP/1.1 chunked framing from a body that carries it on the wire. */
function dechunk(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes);
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = text.indexOf('\r\n', offset);
    if (lineEnd === -1) break;
    const size = Number.parseInt(text.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(text.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** The facts of a scenario the expectation needs: the body as the server meant it, the cut, the false encoding. */
export function fidelityCase(scenario: ConformanceScenario): FidelityCase {
  let body: Uint8Array = scenarioBodyBytes(scenario);
  if (hasHeader(scenario.headers, 'transfer-encoding', /chunked/iu)) body = dechunk(body);
  const declaredGzip = hasHeader(scenario.headers, 'content-encoding', /gzip/iu);
  let falseEncoding = false;
  if (declaredGzip && scenario.gzip !== true) {
    try {
      body = gunzipSync(body);
    } catch {
      falseEncoding = true;
    }
  }
  const fault = scenario.fault;
  const cutAfterBytes =
    fault?.type === 'close-mid-body' && fault.sendBytes < body.byteLength ? fault.sendBytes : undefined;
  if (scenario.method === 'HEAD') body = new Uint8Array(0);
  return {
    id: scenario.id,
    method: scenario.method,
    status: scenario.status,
    reason: scenario.reason,
    headers: scenario.headers,
    body,
    cutAfterBytes,
    falseEncoding,
    requestHasBody: scenario.method === 'PUT' || scenario.method === 'POST',
    sdk: scenario.sdk,
  };
}

/**
 * D1 where the Go SDK resolved the response (a 3xx it treats as a success): the contract defines D1's result as
 * what the go style parses, so this is the library's own go reading of the same response (headers as Node joins them).
 */
export const goReading: GoParse = (testCase) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(testCase.headers)) {
    const key = name.toLowerCase();
    headers[key] = key in headers ? `${headers[key] ?? ''}, ${value}` : value;
  }
  const reason = testCase.reason ?? STATUS_CODES[testCase.status] ?? 'Unknown';
  const phrase = reason === '' ? (STATUS_CODES[testCase.status] ?? 'Unknown') : reason;
  const error = toBceError(
    {
      response: {
        statusCode: testCase.status,
        statusMessage: reason,
        headers,
        // P9: a body whose decoding fails is read from the bytes decoded before the failure: none.
        rawBody: testCase.falseEncoding === true ? new Uint8Array(0) : testCase.body,
      },
    },
    { style: 'go' },
  );
  if (!isBceServiceError(error)) return undefined;
  return {
    code: error.code,
    errorMessage: { exactly: error.errorMessage },
    requestId: error.requestId,
    fellBack: error.errorMessage === `${String(testCase.status)} ${phrase}`,
  };
};
