export { installBceErrors } from './axios-adapter.js';
export type { BceAxiosOptions, UninstallBceErrors } from './types.js';
