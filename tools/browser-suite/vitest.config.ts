import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared.ts';

export default defineProject({
  ...workspaceSources,
  test: {
    name: '@bce-errors/browser-suite',
    include: ['test/**/*.test.ts'],
    // One Chromium launch and every case of a page at once: the set-up does the work, the tests read its results.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
