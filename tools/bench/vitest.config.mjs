// @ts-check
import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@bce-errors/bench', include: ['test/**/*.test.mjs'] },
});
