export { describeAdapterSuite } from './describe-adapter-suite.js';
export type { AdapterDriver, DriverRequest, DriverResponse } from './adapter-driver.js';
export { compressedErrorBody, peakGrowthDuring } from './compressed-error-body.js';
export { HUGE_ERROR_BODY_BYTES, writeHugeErrorBody } from './huge-error-body.js';
export { closeServer, listenOnLoopback } from './loopback-server.js';
export { startResetMidBodyServer } from './reset-mid-body-server.js';
export { expectStalledBodyError, startStalledErrorBodyServer } from './stalled-error-body-server.js';
