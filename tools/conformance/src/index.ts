export {
  loadConformanceScenarios,
  loadOracleScenarios,
  scenarioBodyBytes,
  padBody,
  SDK_VECTORS_URL,
  ORACLE_VECTORS_URL,
  type ConformanceScenario,
  type ConformanceFault,
  type ScenarioSource,
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
export {
  scenarioResponse,
  rawScenarioResponse,
  routeScenarios,
  routeOracleScenarios,
  DEFAULT_SCENARIO_PREFIX,
  DEFAULT_ORACLE_PREFIX,
} from './scenario-routes.js';
export {
  fidelityExpectation,
  formatServiceMessage,
  FIDELITY_MAX_BODY_BYTES,
  type GoParse,
  type FidelityCase,
  type FidelityExpectation,
  type ExpectedText,
} from './fidelity-expectation.js';
