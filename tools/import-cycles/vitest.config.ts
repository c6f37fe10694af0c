import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@bce-errors/import-cycles', include: ['test/**/*.test.ts'] },
});
