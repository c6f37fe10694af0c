export { createBceFetch } from './fetch-adapter.js';
export type { BceFetchOptions } from './types.js';
