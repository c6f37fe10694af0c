// got is ESM-only, so the CommonJS declarations must import its types with `resolution-mode: import` (TS 5.3+)
// or TypeScript reports TS1479 under `moduleResolution: node16`. The declaration bundler drops the attribute
// from the source, so it is put back here, after `tsup`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../dist/index.d.cts', import.meta.url);
const text = readFileSync(file, 'utf8');
const marked = text.replace(
  /^import (?:type )?(\{[^}]*\}) from 'got';$/m,
  "import type $1 from 'got' with { 'resolution-mode': 'import' };",
);
if (marked === text && !text.includes("'resolution-mode'")) {
  throw new Error('mark-esm-only-imports: no import from got found in dist/index.d.cts');
}
writeFileSync(file, marked);
