export { installBceErrors } from './axios-adapter.js';
export { readResponseData, type ErrorData } from './read-response-data.js';
export type { BceAxiosOptions, UninstallBceErrors } from './types.js';
