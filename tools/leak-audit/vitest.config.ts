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
    hookTimeout: 60_000,
  },
});
