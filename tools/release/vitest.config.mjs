// @ts-check
import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@bce-errors/release', include: ['test/**/*.test.mjs'] },
});
