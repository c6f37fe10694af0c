import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared.ts';

export default defineProject({
  ...workspaceSources,
  test: {
    name: '@bce-errors/readme-examples',
    include: ['test/**/*.test.ts'],
    // The type check builds one program over every block and the workspace sources it imports; each run is a
    // child process (tsx start-up, then up to 3 retries with Java style's 4.2 s of delays against a closed port).
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
