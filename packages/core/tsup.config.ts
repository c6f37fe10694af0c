import { defineLibraryConfig } from '../../tsup.base.ts';

// `cli` is the `bce-errors` bin (package.json "bin" → dist/cli.js, ESM). Its source starts with
// `#!/usr/bin/env node`, which esbuild keeps on the entry's output, so only the cli files get the shebang.
export default defineLibraryConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli/bce-errors-cli.ts' },
});
