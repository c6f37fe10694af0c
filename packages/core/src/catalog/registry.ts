import type { CatalogEntry } from './catalog-entry.js';

/** How a service error finds its catalog entry once the catalog module is loaded. */
type CatalogLookup = (fields: { code: string; statusCode: number }) => CatalogEntry | undefined;

let registeredLookup: CatalogLookup | undefined;

// The catalog registers itself when its module is evaluated, so an error class that never imports the catalog's
// texts can still explain itself: a bundle that does not use the catalog leaves all of it out.
/** Called by `catalog/lookup.ts` when it loads. */
export function registerCatalogLookup(lookup: CatalogLookup): void {
  registeredLookup = lookup;
}

/** The catalog entry of a code and status, if the catalog is loaded and documents the code. */
export function lookupRegisteredCatalogEntry(code: string, statusCode: number): CatalogEntry | undefined {
  return registeredLookup?.({ code, statusCode });
}
