import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('page/browser-entry.ts', import.meta.url));

/**
 * The page's script: the fetch and axios adapters, core and axios, bundled for a browser from the workspace
 * sources (the `@bce-errors/source` condition) as a user's bundler would from `dist`. axios resolves to its
 * browser build (XMLHttpRequest and fetch adapters, no Node modules).
 */
export async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    conditions: ['@bce-errors/source'],
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error('esbuild produced no bundle');
  return output.text;
}
