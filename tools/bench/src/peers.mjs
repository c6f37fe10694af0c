// @ts-check
// The best-known peers of each adapter, measured in the same rounds as the bare client, the hand-written
// interceptor and the adapter (src/clients.mjs builds them; src/report.mjs prints them): a user weighs the adapter
// against these as much as against their own ten lines. got has none: its own hooks are what users extend.
// ky stays on 1.x (pinned in package.json): ky 2 needs Node 22, and CI's bench step (.ci/run: `pnpm bench --quick
// --check`) runs on the machine's Node 20.

/**
 * A peer variant: its key in a path's variants (and in bench-results.json), and its name in the tables.
 * @typedef {object} Peer
 * @property {'axiosRetry' | 'ky' | 'ofetch'} key
 * @property {string} label
 * @property {string} packageName The npm package whose bundle size the bundle table shows.
 */

/** @type {Readonly<Record<import('./clients.mjs').Adapter, readonly Peer[]>>} */
export const PEERS = {
  axios: [{ key: 'axiosRetry', label: 'axios-retry(0) + hand-written', packageName: 'axios-retry' }],
  got: [],
  fetch: [
    { key: 'ky', label: 'ky', packageName: 'ky' },
    { key: 'ofetch', label: 'ofetch', packageName: 'ofetch' },
  ],
};
