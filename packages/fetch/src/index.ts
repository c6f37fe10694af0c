export { createBceFetch } from './fetch-adapter.js';
export { readErrorBody, type BoundedBody } from './read-error-body.js';
export type { BceFetchOptions } from './types.js';
