import { defineLibraryConfig } from '../../tsup.base.ts';

// `browser.ts` is the entry of the `browser` export condition: the same API without Node's error-body watcher.
export default defineLibraryConfig({ entry: ['src/index.ts', 'src/browser.ts'] });
