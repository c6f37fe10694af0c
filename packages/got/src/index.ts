export { bceErrors } from './got-adapter.js';
export { createBoundedRequest, readCapturedBody, type CapturedBody } from './bounded-request.js';
export type { BceGotOptions } from './types.js';
