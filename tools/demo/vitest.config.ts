import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared.ts';

export default defineProject({
  ...workspaceSources,
  // Each run of the demo sends ~60 requests with the styles' real retry delays.
  test: { name: '@bce-errors/demo', include: ['test/**/*.test.ts'], testTimeout: 180_000 },
});
