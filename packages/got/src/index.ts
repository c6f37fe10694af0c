export { bceErrors } from './got-adapter.js';
export type { BceGotOptions } from './types.js';
