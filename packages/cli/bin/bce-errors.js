#!/usr/bin/env node
// `npx bce-errors` asks the registry for this unscoped name, so this package exists to own it. The command itself
// is @bce-errors/core's: found through core's package.json "bin", which core publishes as its interface, rather
// than through a file inside its dist/ that a later core could move.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const manifestPath = require.resolve('@bce-errors/core/package.json');
/** @type {{ bin: string | Record<string, string> }} */
const { bin } = require(manifestPath);
const entry = typeof bin === 'string' ? bin : bin['bce-errors'];
if (entry === undefined) throw new Error(`bce-errors: ${manifestPath} has no "bce-errors" bin`);
await import(pathToFileURL(join(dirname(manifestPath), entry)).href);
