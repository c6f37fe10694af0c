// @ts-check
import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@bce-errors/registry-check', include: ['test/**/*.test.mjs'] },
});
