import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared.ts';

export default defineProject({
  ...workspaceSources,
  test: {
    name: '@bce-errors/reliability',
    include: ['test/**/*.test.ts'],
    // Separate processes, not worker threads: the load test counts the process's TCP sockets and forces full
    // collections (test/support/gc.ts), and each file gets its own process and event loop.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
