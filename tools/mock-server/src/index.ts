export {
  startMockServer,
  MOCK_SERVER_KEEP_ALIVE_TIMEOUT_MS,
  type MockServer,
  type StartMockServerOptions,
} from './mock-server.js';
export {
  validateScriptedResponse,
  SCRIPTED_FAULTS,
  DEFAULT_HOLD_MS,
  type ScriptedResponse,
  type ScriptedFault,
  type RawAnswer,
  type RawHeaderLine,
} from './scripted-response.js';
export { requestPath, type RecordedRequest } from './recorded-request.js';
export { noSuchRouteResponse, NO_SUCH_ROUTE_CODE } from './no-such-route.js';
export { RESET_AFTER_HEADERS_PAUSE_MS, rawAnswerHead } from './write-scripted-response.js';
export { unusedPortUrl } from './unused-port-url.js';
export { readTestTlsCredentials, type TestTlsCredentials } from './tls-credentials.js';
