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

/** A scenario with no HTTP answer: no listener at all, or a server that reads the request and never answers. */
export type ConformanceFault = { type: 'refuse' } | { type: 'no-response'; holdMs: number };

/** One scripted server response of the SDK vectors and what each real SDK did with it. */
export interface ConformanceScenario {
  /** Stable id, e.g. `'s01'`. */
  id: string;
  /** What the scenario exercises. */
  description: string;
  /** The request method the SDKs sent (`'GET'` or `'HEAD'`). */
  method: string;
  /** The response status (`0` for the faults). */
  status: number;
  /** The response headers, names in their original case. */
  headers: Record<string, string>;
  /** The exact response body, with any `bodyPad` already applied (s25 is exactly 2 MiB). */
  body: string;
  /** Set when the scenario is a transport fault instead of an answer. */
  fault?: ConformanceFault;
  /** What each SDK did, by the style that imitates it. */
  sdk: Record<SdkStyle, SdkOutcome>;
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
  throw shapeError(`${where}.type`, "'refuse' or 'no-response'", type);
}

function parseBody(scenario: JsonObject, where: string): string {
  const body = expectString(scenario.body, `${where}.body`);
  if (scenario.bodyPad === undefined) return body;
  const pad = expectObject(scenario.bodyPad, `${where}.bodyPad`);
  return padBody(body, {
    marker: expectString(pad.marker, `${where}.bodyPad.marker`),
    char: expectString(pad.char, `${where}.bodyPad.char`),
    totalBytes: expectNumber(pad.totalBytes, `${where}.bodyPad.totalBytes`),
  });
}

function parseScenario(value: unknown, where: string): ConformanceScenario {
  const scenario = expectObject(value, where);
  const sdkJson = expectObject(scenario.sdk, `${where}.sdk`);
  const outcome = (name: SdkStyle): SdkOutcome => parseSdkOutcome(sdkJson[name], `${where}.sdk.${name}`);
  const fault = parseFault(scenario.fault, `${where}.fault`);
  return {
    id: expectString(scenario.id, `${where}.id`),
    description: expectString(scenario.description, `${where}.description`),
    method: expectString(scenario.method, `${where}.method`),
    status: expectNumber(scenario.status, `${where}.status`),
    headers: parseHeaders(scenario.headers, `${where}.headers`),
    body: parseBody(scenario, where),
    ...(fault === undefined ? {} : { fault }),
    sdk: { go: outcome('go'), java: outcome('java'), python: outcome('python') },
  };
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
  const root = expectObject(JSON.parse(readFileSync(SDK_VECTORS_URL, 'utf8')) as unknown, 'the root');
  const scenarios = expectArray(root.scenarios, 'scenarios').map((value, index) =>
    parseScenario(value, `scenarios[${String(index)}]`),
  );
  cached = deepFreeze(scenarios);
  return cached;
}
