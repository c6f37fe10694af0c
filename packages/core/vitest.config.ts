import { defineConfig } from 'vitest/config';
import { fourFilesAtATime, workspaceSources } from '../../vitest.shared.ts';

export default defineConfig({
  ...workspaceSources,
  test: {
    name: '@bce-errors/core',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Some tests spawn the CLI or bundle with esbuild: seconds on a busy 2-core machine.
    testTimeout: 30_000,
    ...fourFilesAtATime,
  },
});
