// `pnpm --filter @bce-errors/api-surface run update`: rewrites the snapshots after an intentional change of a
// package's exports. Removing or renaming a name breaks users: it needs a changeset that says so.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISHED_PACKAGES, readPackageSurface, REPOSITORY_ROOT, snapshotPath } from './read-export-names.js';

for (const folder of PUBLISHED_PACKAGES) {
  const surface = readPackageSurface(join(REPOSITORY_ROOT, 'packages', folder));
  writeFileSync(snapshotPath(folder), `${JSON.stringify(surface, null, 2)}\n`);
  console.log(`api-surface: wrote ${snapshotPath(folder)}`);
}
