import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineProject({
  resolve: {
    alias: {
      ...workspaceAliases,
      '@bce-errors/axios': source('../../packages/axios/src/index.ts'),
      '@bce-errors/got': source('../../packages/got/src/index.ts'),
      '@bce-errors/fetch': source('../../packages/fetch/src/index.ts'),
    },
  },
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
