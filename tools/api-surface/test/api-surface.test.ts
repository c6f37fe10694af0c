import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PUBLISHED_PACKAGES,
  readPackageSurface,
  REPOSITORY_ROOT,
  snapshotPath,
  type PackageSurface,
} from '../src/index.js';

const surfaces = new Map<string, PackageSurface>(
  PUBLISHED_PACKAGES.map((folder) => [folder, readPackageSurface(join(REPOSITORY_ROOT, 'packages', folder))]),
);

function surfaceOf(folder: string): PackageSurface {
  const surface = surfaces.get(folder);
  if (surface === undefined) throw new Error(`no surface for ${folder}`);
  return surface;
}

describe('the export names of every published package match their snapshot', () => {
  it.each(PUBLISHED_PACKAGES)(
    '%s (update on purpose with `pnpm --filter @bce-errors/api-surface run update`)',
    (folder) => {
      const snapshot = JSON.parse(readFileSync(snapshotPath(folder), 'utf8')) as PackageSurface;
      expect(surfaceOf(folder)).toEqual(snapshot);
    },
  );
});

describe('users and adapter authors import from separate entry points', () => {
  it('core has `.` for users and `./adapter` for adapter authors, with no runtime name in both', () => {
    const { entries } = surfaceOf('core');
    expect(Object.keys(entries).sort()).toEqual(['.', './adapter']);
    const root = new Set(entries['.']?.values);
    expect(entries['./adapter']?.values.filter((name) => root.has(name))).toEqual([]);
  });

  it('the user entry stays small: about two dozen runtime names', () => {
    expect(surfaceOf('core').entries['.']?.values.length).toBeLessThanOrEqual(36);
  });
});

describe('a build for one condition exports what the default build does', () => {
  const variants = PUBLISHED_PACKAGES.flatMap((folder) =>
    Object.keys(surfaceOf(folder).entries)
      .filter((subpath) => subpath.includes(' ('))
      .map((subpath) => [folder, subpath] as const),
  );

  it('axios has a browser build (its Node-only error-body guard is left out)', () => {
    expect(variants).toContainEqual(['axios', '. (browser)']);
  });

  it.each(variants)('%s %s', (folder, subpath) => {
    const { entries } = surfaceOf(folder);
    expect(entries[subpath]).toEqual(entries[subpath.slice(0, subpath.indexOf(' ('))]);
  });
});

describe('the three adapters export the same shape', () => {
  const adapters = [
    ['axios', 'installBceErrors', 'BceAxiosOptions'],
    ['got', 'bceErrors', 'BceGotOptions'],
    ['fetch', 'createBceFetch', 'BceFetchOptions'],
  ] as const;

  it.each(adapters)(
    '%s: one entry point ("."), one function (%s) and its options type (%s)',
    (folder, entry, optionsType) => {
      const { entries } = surfaceOf(folder);
      expect(Object.keys(entries).filter((subpath) => !subpath.includes(' ('))).toEqual(['.']);
      expect(entries['.']?.values).toEqual([entry]);
      expect(entries['.']?.types).toContain(optionsType);
    },
  );

  it('each runtime export is a function', async () => {
    const modules = [
      await import('@bce-errors/axios'),
      await import('@bce-errors/got'),
      await import('@bce-errors/fetch'),
    ];
    expect(modules.map((module) => Object.values(module).map((value) => typeof value))).toEqual([
      ['function'],
      ['function'],
      ['function'],
    ]);
  });

  it('every type an adapter exports besides its options type is one the other adapters have a reason to lack', () => {
    // axios alone returns something from its entry function: the function that uninstalls the interceptors.
    const extras = adapters.map(([folder, , optionsType]) =>
      (surfaceOf(folder).entries['.']?.types ?? []).filter((name) => name !== optionsType),
    );
    expect(extras).toEqual([['UninstallBceErrors'], [], []]);
  });
});
