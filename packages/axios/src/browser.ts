// The entry of the `browser` export condition: the same API as `index.ts`, without Node's error-body watcher.
export { installBceErrors } from './install-bce-errors-browser.js';
export type { BceAxiosOptions, UninstallBceErrors } from './types.js';
