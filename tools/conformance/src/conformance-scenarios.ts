import { readFileSync } from 'node:fs';
import type { SdkStyle } from '@bce-errors/core';
import {
  deepFreeze,
  expectArray,
  expectNumber,
  expectObject,
  expectString,
  shapeError,
  type JsonObject,
} from './json-shape.js';
import { parseSdkOutcome, type SdkOutcome } from './sdk-outcome.js';

/** The SDK vectors: what the real Go, Java and Python SDKs did with each scripted response. */
export const SDK_VECTORS_URL = new URL('../data/sdk-vectors.json', import.meta.url);

/**
 * The oracle vectors: 326 error responses (300 random, 26 minimal repros) served by a raw-socket HTTP/1.1
 * server, and what each real SDK did with each one.
 */
export const ORACLE_VECTORS_URL = new URL('../data/oracle-vectors.json', import.meta.url);

/**
 * A transport fault instead of (or in the middle of) an answer: no listener at all (`refuse`), a server that
 * reads the request and never answers (`no-response`), or (oracle vectors) an answer whose body is cut:
 * `close-mid-body` sends the head and only the first `sendBytes` body bytes (the whole body when it has fewer),
 * waits `delayMs` if given, then closes the connection.
 */
export type ConformanceFault =
  | { type: 'refuse' }
  | { type: 'no-response'; holdMs: number }
  | { type: 'close-mid-body'; sendBytes: number; delayMs?: number };

/** Which fixture a scenario comes from. */
export type ScenarioSource = 'sdk-vectors' | 'oracle-vectors';

/** One scripted server response of the SDK or oracle vectors and what each real SDK did with it. */
export interface ConformanceScenario {
  /** Stable id, e.g. `'s01'` (SDK vectors) or `'s5027'` (oracle vectors). */
  id: string;
  /** The fixture it comes from; oracle scenarios are served as raw answers (see `scenarioResponse`). */
  source: ScenarioSource;
  /** What the scenario exercises. */
  description: string;
  /** The request method the SDKs sent (`GET`, `HEAD`; the oracle vectors also `PUT`, `POST`, `DELETE`). */
  method: string;
  /** The response status (`0` for the faults `refuse` and `no-response`). */
  status: number;
  /**
   * The reason phrase the server sent, exactly (`''` for an empty one, which goes on the wire as
   * `HTTP/1.1 404 `). Absent: the standard phrase of the status.
   */
  reason?: string;
  /**
   * The response headers in wire order, names in their original case. The same header may appear twice
   * under different casings (`X-BCE-REQUEST-ID` and `x-bce-request-id`). Values are the Latin-1 reading of
   * the bytes sent (a UTF-8 value appears as its Latin-1 mojibake).
   */
  headers: Record<string, string>;
  /**
   * The response body as text, with any `bodyPad` already applied (s25 is exactly 2 MiB), before gzip. For a
   * scenario given as raw bytes (`bodyBase64` is set) it is their UTF-8 decoding, which is lossy where they
   * are not UTF-8 and keeps any chunked framing: use {@link scenarioBodyBytes} for the exact bytes.
   */
  body: string;
  /** The exact body bytes in base64, when the vector gives them so (invalid UTF-8, chunked framing). */
  bodyBase64?: string;
  /** `true` when no `Content-Length` was sent: the body is close-delimited, or framed by its own chunked encoding. */
  omitContentLength?: boolean;
  /** `true` when the body was sent gzipped (with `Content-Encoding: gzip` unless the headers name an encoding). */
  gzip?: boolean;
  /** Set when the scenario is a transport fault instead of (or in the middle of) an answer. */
  fault?: ConformanceFault;
  /** Oracle vectors: the grammar's tags (`chunked`, `reason:empty`, `hdr-rid:duplicate`...). Empty otherwise. */
  tags: readonly string[];
  /** Oracle repros (s9001-s9026): the id of the difference the scenario reproduces minimally (`'U19'`). */
  reproduces?: string;
  /** What each SDK did, by the style that imitates it. */
  sdk: Record<SdkStyle, SdkOutcome>;
}

/**
 * The exact body bytes of a scenario before any gzip: the `bodyBase64` bytes, else the UTF-8 bytes of `body`.
 * A fresh copy on every call.
 */
export function scenarioBodyBytes(scenario: ConformanceScenario): Uint8Array {
  return scenario.bodyBase64 === undefined
    ? Buffer.from(scenario.body, 'utf8')
    : Buffer.from(scenario.bodyBase64, 'base64');
}

/**
 * Applies a fixture's `bodyPad`: replaces the single `marker` in `body` with `char` repeated so that the
 * whole body is exactly `totalBytes` UTF-8 bytes.
 *
 * @throws RangeError when the marker is missing or repeated, or no whole number of `char` fits.
 */
export function padBody(body: string, pad: { marker: string; char: string; totalBytes: number }): string {
  const at = body.indexOf(pad.marker);
  if (at === -1 || body.includes(pad.marker, at + pad.marker.length)) {
    throw new RangeError(`bodyPad: the marker ${JSON.stringify(pad.marker)} must occur exactly once in the body`);
  }
  const fixedBytes = Buffer.byteLength(body) - Buffer.byteLength(pad.marker);
  const charBytes = Buffer.byteLength(pad.char);
  const count = (pad.totalBytes - fixedBytes) / charBytes;
  if (charBytes === 0 || !Number.isInteger(count) || count < 0) {
    throw new RangeError(`bodyPad: cannot reach ${String(pad.totalBytes)} bytes with ${JSON.stringify(pad.char)}`);
  }
  return body.slice(0, at) + pad.char.repeat(count) + body.slice(at + pad.marker.length);
}

function parseHeaders(value: unknown, where: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, field] of Object.entries(expectObject(value, where))) {
    headers[name] = expectString(field, `${where}.${name}`);
  }
  return headers;
}

function parseFault(value: unknown, where: string): ConformanceFault | undefined {
  if (value === undefined) return undefined;
  const fault = expectObject(value, where);
  const type = expectString(fault.type, `${where}.type`);
  if (type === 'refuse') return { type };
  if (type === 'no-response') return { type, holdMs: expectNumber(fault.holdMs, `${where}.holdMs`) };
  if (type === 'close-mid-body') {
    const sendBytes = expectNumber(fault.sendBytes, `${where}.sendBytes`);
    if (!Number.isInteger(sendBytes) || sendBytes < 0) {
      throw shapeError(`${where}.sendBytes`, 'an integer >= 0', sendBytes);
    }
    if (fault.delayMs === undefined) return { type, sendBytes };
    return { type, sendBytes, delayMs: expectNumber(fault.delayMs, `${where}.delayMs`) };
  }
  throw shapeError(`${where}.type`, "'refuse', 'no-response' or 'close-mid-body'", type);
}

function parseFlag(
  scenario: JsonObject,
  field: 'omitContentLength' | 'gzip',
  where: string,
): Partial<Record<'omitContentLength' | 'gzip', true>> {
  const value = scenario[field];
  if (value === undefined || value === false) return {};
  if (value !== true) throw shapeError(`${where}.${field}`, 'a boolean', value);
  return { [field]: true };
}

function parseTags(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  return expectArray(value, where).map((tag, index) => expectString(tag, `${where}[${String(index)}]`));
}

function parseBody(scenario: JsonObject, where: string): string {
  if (scenario.bodyBase64 !== undefined) {
    if (scenario.body !== undefined || scenario.bodyPad !== undefined) {
      throw shapeError(`${where}.bodyBase64`, 'the only body (no body, no bodyPad)', scenario.bodyBase64);
    }
    const base64 = expectString(scenario.bodyBase64, `${where}.bodyBase64`);
    if (!/^[A-Za-z0-9+/]*={0,2}$/u.test(base64) || base64.length % 4 !== 0) {
      throw shapeError(`${where}.bodyBase64`, 'base64', base64);
    }
    return Buffer.from(base64, 'base64').toString('utf8');
  }
  const body = expectString(scenario.body, `${where}.body`);
  if (scenario.bodyPad === undefined) return body;
  const pad = expectObject(scenario.bodyPad, `${where}.bodyPad`);
  return padBody(body, {
    marker: expectString(pad.marker, `${where}.bodyPad.marker`),
    char: expectString(pad.char, `${where}.bodyPad.char`),
    totalBytes: expectNumber(pad.totalBytes, `${where}.bodyPad.totalBytes`),
  });
}

function parseScenario(value: unknown, where: string, source: ScenarioSource): ConformanceScenario {
  const scenario = expectObject(value, where);
  const sdkJson = expectObject(scenario.sdk, `${where}.sdk`);
  const outcome = (name: SdkStyle): SdkOutcome => parseSdkOutcome(sdkJson[name], `${where}.sdk.${name}`);
  const fault = parseFault(scenario.fault, `${where}.fault`);
  const optionalString = (
    field: 'reason' | 'reproduces' | 'bodyBase64',
  ): Partial<Record<'reason' | 'reproduces' | 'bodyBase64', string>> =>
    scenario[field] === undefined ? {} : { [field]: expectString(scenario[field], `${where}.${field}`) };
  return {
    id: expectString(scenario.id, `${where}.id`),
    source,
    description: expectString(scenario.description, `${where}.description`),
    method: expectString(scenario.method, `${where}.method`),
    status: expectNumber(scenario.status, `${where}.status`),
    ...optionalString('reason'),
    headers: parseHeaders(scenario.headers, `${where}.headers`),
    body: parseBody(scenario, where),
    ...optionalString('bodyBase64'),
    ...parseFlag(scenario, 'omitContentLength', where),
    ...parseFlag(scenario, 'gzip', where),
    ...(fault === undefined ? {} : { fault }),
    tags: parseTags(scenario.tags, `${where}.tags`),
    ...optionalString('reproduces'),
    sdk: { go: outcome('go'), java: outcome('java'), python: outcome('python') },
  };
}

function parseList(root: JsonObject, field: string, file: string, source: ScenarioSource): ConformanceScenario[] {
  return expectArray(root[field], `${file}: ${field}`).map((value, index) =>
    parseScenario(value, `${file}: ${field}[${String(index)}]`, source),
  );
}

function readRoot(url: URL, file: string): JsonObject {
  return expectObject(JSON.parse(readFileSync(url, 'utf8')) as unknown, `${file}: the root`);
}

let cached: readonly ConformanceScenario[] | undefined;

/**
 * The conformance scenarios of `data/sdk-vectors.json` ({@link SDK_VECTORS_URL}), checked, with padded
 * bodies, in fixture order. Read once and cached; the result is deeply frozen.
 *
 * @throws TypeError naming the location of the first field with an unexpected shape.
 */
export function loadConformanceScenarios(): readonly ConformanceScenario[] {
  if (cached !== undefined) return cached;
  cached = deepFreeze(
    parseList(readRoot(SDK_VECTORS_URL, 'sdk-vectors.json'), 'scenarios', 'sdk-vectors.json', 'sdk-vectors'),
  );
  return cached;
}

let cachedOracle: readonly ConformanceScenario[] | undefined;

/**
 * The 326 scenarios of `data/oracle-vectors.json` ({@link ORACLE_VECTORS_URL}), checked, with padded bodies:
 * its `scenarios` (300 random ones) followed by its `repros` (s9001-s9026), in fixture order, every one with
 * `source: 'oracle-vectors'`. Same model and same checks as {@link loadConformanceScenarios}; read once and
 * cached; the result is deeply frozen.
 *
 * @throws TypeError naming the location of the first field with an unexpected shape.
 */
export function loadOracleScenarios(): readonly ConformanceScenario[] {
  if (cachedOracle !== undefined) return cachedOracle;
  const file = 'oracle-vectors.json';
  const root = readRoot(ORACLE_VECTORS_URL, file);
  const scenarios = [
    ...parseList(root, 'scenarios', file, 'oracle-vectors'),
    ...parseList(root, 'repros', file, 'oracle-vectors'),
  ];
  cachedOracle = deepFreeze(scenarios);
  return cachedOracle;
}
