import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // The --check test copies the repository and spawns the generator twice; slow on a busy 2-core machine.
    testTimeout: 60_000,
    name: '@bce-errors/catalog-generator',
    include: ['test/**/*.test.ts'],
  },
});
