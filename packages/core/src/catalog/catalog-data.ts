import type { ServiceName } from './catalog-codes.gen.js';
import type { CatalogEntry } from './catalog-entry.js';
import bandwidthPackage from './data/bandwidth-package.json' with { type: 'json' };
import bce from './data/bce.json' with { type: 'json' };
import cfs from './data/cfs.json' with { type: 'json' };
import eip from './data/eip.json' with { type: 'json' };
import eipgroup from './data/eipgroup.json' with { type: 'json' };
import iam from './data/iam.json' with { type: 'json' };

/**
 * The generated catalog data of each service. Only the catalog modules import it, and it is a plain literal,
 * so a bundler drops every text of it from a build that does not use the catalog.
 */
export const CATALOG_DATA: Readonly<Record<ServiceName, readonly CatalogEntry[]>> = {
  bce: bce as readonly CatalogEntry[],
  cfs: cfs as readonly CatalogEntry[],
  eip: eip as readonly CatalogEntry[],
  eipgroup: eipgroup as readonly CatalogEntry[],
  'bandwidth-package': bandwidthPackage as readonly CatalogEntry[],
  iam: iam as readonly CatalogEntry[],
};
