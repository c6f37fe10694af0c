export { describeAdapterSuite } from './describe-adapter-suite.js';
export type { AdapterDriver, DriverRequest, DriverResponse } from './adapter-driver.js';
