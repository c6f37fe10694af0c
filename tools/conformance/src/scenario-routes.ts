import { STATUS_CODES } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { MockServer, RawHeaderLine, ScriptedResponse } from '@bce-errors/mock-server';
import {
  loadConformanceScenarios,
  loadOracleScenarios,
  scenarioBodyBytes,
  type ConformanceScenario,
} from './conformance-scenarios.js';

/** The path prefix {@link routeScenarios} uses by default: scenario `s01` is served at `/conformance/s01`. */
export const DEFAULT_SCENARIO_PREFIX = '/conformance';

/** The path prefix {@link routeOracleScenarios} uses by default, as the oracle server did: `/oracle/s5027`. */
export const DEFAULT_ORACLE_PREFIX = '/oracle';

/**
 * The raw answer (`ScriptedResponse.raw` of `@bce-errors/mock-server`) that puts a scenario on the wire the
 * way the oracle's raw-socket server did:
 *
 * - status line `HTTP/1.1 {status} {reason}`, with the scenario's `reason` exactly (`''` included), else the
 *   standard phrase;
 * - the scenario's headers in their order and case, duplicates under other casings included; with `gzip`,
 *   `Content-Encoding: gzip` is appended unless the headers name a `Content-Encoding`;
 * - `Content-Length` of the body bytes on the wire unless `omitContentLength` (then the body is close-delimited,
 *   or carries its own chunked framing), and `Connection: close`;
 * - the body: {@link scenarioBodyBytes} (the `bodyBase64` bytes, or the UTF-8 bytes of the padded `body`),
 *   gzipped when `gzip`; none for `HEAD`;
 * - `close-mid-body`: only the first `sendBytes` body bytes (counted after gzip), then after `delayMs` the
 *   socket is destroyed; otherwise the socket is ended after the body.
 *
 * @returns `undefined` for a `refuse` scenario; a `no-response` one holds the socket as {@link scenarioResponse}.
 */
export function rawScenarioResponse(scenario: ConformanceScenario): ScriptedResponse | undefined {
  const { fault } = scenario;
  if (fault?.type === 'refuse') return undefined;
  if (fault?.type === 'no-response') return { status: scenario.status, fault: 'no-response', holdMs: fault.holdMs };
  const headerLines: RawHeaderLine[] = Object.entries(scenario.headers);
  let body = scenarioBodyBytes(scenario);
  if (scenario.gzip === true) {
    body = gzipSync(body);
    if (!headerLines.some(([name]) => name.toLowerCase() === 'content-encoding')) {
      headerLines.push(['Content-Encoding', 'gzip']);
    }
  }
  return {
    status: scenario.status,
    raw: {
      // The oracle's server sent the standard phrase, and `Unknown` for a status without one (Java's recorded status
      // line of s5002 reads `HTTP/1.1 599 Unknown`).
      reason: scenario.reason ?? STATUS_CODES[scenario.status] ?? 'Unknown',
      headerLines,
      body,
      ...(scenario.omitContentLength === true ? { omitContentLength: true } : {}),
      ...(fault?.type === 'close-mid-body'
        ? { closeAfterBytes: fault.sendBytes, ...(fault.delayMs === undefined ? {} : { closeDelayMs: fault.delayMs }) }
        : {}),
    },
  };
}

/**
 * The scripted response that replays a conformance scenario. An oracle scenario (`source: 'oracle-vectors'`)
 * is the raw answer of {@link rawScenarioResponse}. An SDK-vectors scenario is an ordinary answer: its status,
 * headers (original case) and exact body, with Node's framing; `no-response` scenarios hold the socket for
 * the scenario's `holdMs`.
 *
 * @returns `undefined` for a `refuse` scenario, which needs a port with no listener (`unusedPortUrl()`).
 */
export function scenarioResponse(scenario: ConformanceScenario): ScriptedResponse | undefined {
  if (scenario.source === 'oracle-vectors') return rawScenarioResponse(scenario);
  const { fault } = scenario;
  if (fault?.type === 'refuse') return undefined;
  if (fault?.type === 'no-response') return { status: scenario.status, fault: 'no-response', holdMs: fault.holdMs };
  return { status: scenario.status, headers: { ...scenario.headers }, body: scenario.body };
}

/**
 * Routes every scenario that has an answer at `${prefix}/${id}` (e.g. `/conformance/s01`), each with its
 * {@link scenarioResponse}; `refuse` scenarios are skipped. Both kinds of scenario can be routed.
 *
 * @param server - The server to script.
 * @param prefix - The path prefix; defaults to {@link DEFAULT_SCENARIO_PREFIX}. A trailing `/` is ignored.
 * @param scenarios - The scenarios to route; defaults to every scenario of the SDK vectors.
 */
export function routeScenarios(
  server: MockServer,
  prefix: string = DEFAULT_SCENARIO_PREFIX,
  scenarios: readonly ConformanceScenario[] = loadConformanceScenarios(),
): void {
  const base = prefix.replace(/\/+$/u, '');
  for (const scenario of scenarios) {
    const response = scenarioResponse(scenario);
    if (response !== undefined) server.route(`${base}/${scenario.id}`, response);
  }
}

/**
 * Routes the oracle scenarios (by default all 326) as raw answers at `${prefix}/${id}`, e.g. `/oracle/s5027`.
 *
 * @param server - The server to script.
 * @param prefix - The path prefix; defaults to {@link DEFAULT_ORACLE_PREFIX}. A trailing `/` is ignored.
 * @param scenarios - The scenarios to route; defaults to {@link loadOracleScenarios}.
 */
export function routeOracleScenarios(
  server: MockServer,
  prefix: string = DEFAULT_ORACLE_PREFIX,
  scenarios: readonly ConformanceScenario[] = loadOracleScenarios(),
): void {
  routeScenarios(server, prefix, scenarios);
}
