// @ts-check
import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@bce-errors/node-lines', include: ['test/**/*.test.mjs'] },
});
