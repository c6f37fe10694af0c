export {
  loadConformanceScenarios,
  padBody,
  SDK_VECTORS_URL,
  type ConformanceScenario,
  type ConformanceFault,
} from './conformance-scenarios.js';
export { parseSdkOutcome, type SdkOutcome, type TruncatedText, type OutcomeText } from './sdk-outcome.js';
export { loadDeviations, DEVIATIONS_URL, type Deviation } from './deviations.js';
export {
  expectedOutcome,
  expectedOutcomes,
  checkOutcome,
  GAP_TOLERANCE_MS,
  CONTRACT_BASE_DELAY_MS,
  VECTOR_CLIENT_TIMEOUT_MS,
  type ExpectedOutcome,
} from './expected-outcome.js';
export { scenarioResponse, routeScenarios, DEFAULT_SCENARIO_PREFIX } from './scenario-routes.js';
