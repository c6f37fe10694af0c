import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { arch, platform } from 'node:process';
import type { RuntimeName } from './smoke-scenario.js';

/** Where each runtime's npm package keeps the binary of this platform (the launcher packages' postinstall is blocked). */
const PLATFORM_BINARIES: Record<RuntimeName, Partial<Record<string, { package: string; file: string }>>> = {
  deno: { 'linux-x64': { package: '@deno/linux-x64-glibc', file: 'deno' } },
  bun: { 'linux-x64': { package: '@oven/bun-linux-x64', file: 'bin/bun' } },
  workerd: { 'linux-x64': { package: '@cloudflare/workerd-linux-64', file: 'bin/workerd' } },
};

const require = createRequire(import.meta.url);

/** The launcher packages, resolved by literal names so that dependency checkers (knip) see them used. */
const LAUNCHERS: Record<RuntimeName, () => string> = {
  deno: () => require.resolve('deno/package.json'),
  bun: () => require.resolve('bun/package.json'),
  workerd: () => require.resolve('workerd/package.json'),
};

/**
 * The runtime's binary, resolved from its platform package, which pnpm installs as an optional dependency of the
 * launcher package (`deno`, `bun`, `workerd`); `undefined` where this platform has none listed.
 */
export function runtimeBinary(runtime: RuntimeName): string | undefined {
  const entry = PLATFORM_BINARIES[runtime][`${platform}-${arch}`];
  if (entry === undefined) return undefined;
  const launcher = createRequire(LAUNCHERS[runtime]());
  const binary = join(dirname(launcher.resolve(`${entry.package}/package.json`)), entry.file);
  return existsSync(binary) ? binary : undefined;
}
