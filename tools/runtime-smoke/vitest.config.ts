import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared.ts';

export default defineProject({
  ...workspaceSources,
  test: {
    name: '@bce-errors/runtime-smoke',
    include: ['test/**/*.test.ts'],
    // The set-up bundles and runs all three runtimes once; the tests read its results.
    testTimeout: 10_000,
    hookTimeout: 90_000,
  },
});
