import type { MockServer, ScriptedResponse } from '@bce-errors/mock-server';
import { loadConformanceScenarios, type ConformanceScenario } from './conformance-scenarios.js';

/** The path prefix {@link routeScenarios} uses by default: scenario `s01` is served at `/conformance/s01`. */
export const DEFAULT_SCENARIO_PREFIX = '/conformance';

/**
 * The scripted response that replays a conformance scenario: its status, headers (original case) and
 * exact body; `no-response` scenarios hold the socket for the scenario's `holdMs`.
 *
 * @returns `undefined` for a `refuse` scenario, which needs a port with no listener (`unusedPortUrl()`).
 */
export function scenarioResponse(scenario: ConformanceScenario): ScriptedResponse | undefined {
  const { fault } = scenario;
  if (fault?.type === 'refuse') return undefined;
  if (fault?.type === 'no-response') return { status: scenario.status, fault: 'no-response', holdMs: fault.holdMs };
  return { status: scenario.status, headers: { ...scenario.headers }, body: scenario.body };
}

/**
 * Routes every scenario that has an answer at `${prefix}/${id}` (e.g. `/conformance/s01`); `refuse`
 * scenarios are skipped.
 *
 * @param server - The server to script.
 * @param prefix - The path prefix; defaults to {@link DEFAULT_SCENARIO_PREFIX}. A trailing `/` is ignored.
 * @param scenarios - The scenarios to route; defaults to every scenario of the fixture.
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
