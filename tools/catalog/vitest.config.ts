import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@bce-errors/catalog-generator', include: ['test/**/*.test.ts'] },
});
