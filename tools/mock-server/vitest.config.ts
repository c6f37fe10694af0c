import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared.ts';

export default defineProject({
  ...workspaceSources,
  test: { name: '@bce-errors/mock-server', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
