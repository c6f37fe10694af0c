import { defineConfig } from 'tsup';
import { libraryOptions } from '../../tsup.base.ts';

export default defineConfig([
  // Two entry points, one copy of the code: with splitting, what both `.` and `./adapter` use (the error classes,
  // the parser) lives in a shared chunk, so an application that imports both bundles it once.
  libraryOptions({ entry: { index: 'src/index.ts', adapter: 'src/adapter.ts' }, splitting: true, clean: false }),
  // The `bce-errors` bin (package.json "bin" → dist/cli.js): ESM only, no declarations, nothing imports it. Its
  // source starts with `#!/usr/bin/env node`, which esbuild keeps on the entry's output.
  libraryOptions({ entry: { cli: 'src/cli/bce-errors-cli.ts' }, format: ['esm'], dts: false, clean: false }),
]);
