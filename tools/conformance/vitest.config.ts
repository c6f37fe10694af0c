import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared.ts';

export default defineProject({
  ...workspaceSources,
  test: { name: '@bce-errors/conformance', include: ['test/**/*.test.ts'] },
});
