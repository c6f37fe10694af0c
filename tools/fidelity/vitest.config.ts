import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared.ts';

export default defineProject({
  ...workspaceSources,
  test: {
    name: '@bce-errors/fidelity',
    include: ['test/**/*.test.ts'],
    // Each pair is bounded by the clients' own 10 s timeout; a whole run is ~3,200 pairs on a 2-core machine.
    testTimeout: 600_000,
    hookTimeout: 30_000,
  },
});
