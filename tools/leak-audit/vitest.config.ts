import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared.ts';

export default defineProject({
  ...workspaceSources,
  test: {
    name: '@bce-errors/leak-audit',
    include: ['test/**/*.test.ts'],
    // Separate processes: each file has its own event loop and its own unhandled-rejection watcher.
    pool: 'forks',
    testTimeout: 30_000,
    // The matrix runs in one beforeAll (about 10 s); a request that hangs is cut after 15 s and reported as hung.
    hookTimeout: 120_000,
  },
});
