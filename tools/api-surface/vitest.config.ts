import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared.ts';

export default defineProject({
  ...workspaceSources,
  // Building a TypeScript program per package takes a few seconds on a busy 2-core machine.
  test: { name: '@bce-errors/api-surface', include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
