export { installBceErrors } from './install-bce-errors.js';
export type { BceAxiosOptions, UninstallBceErrors } from './types.js';
