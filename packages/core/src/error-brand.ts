// A registry symbol, not a module-local one, so that two copies of this package (two versions in one
// node_modules tree, a bundle and a dependency, two realms) still recognise each other's errors.
/** The property every `@bce-errors` error carries; its value says which class built it. */
export const ERROR_BRAND: unique symbol = Symbol.for('bce-errors.error') as never;

/** The value of {@link ERROR_BRAND}. */
export type ErrorBrandKind = 'base' | 'service' | 'client';

/** Reads the brand of any value without throwing (a revoked proxy or hostile getter reads as no brand). */
export function readErrorBrand(value: unknown): ErrorBrandKind | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  try {
    const brand: unknown = (value as Record<symbol, unknown>)[ERROR_BRAND];
    return brand === 'base' || brand === 'service' || brand === 'client' ? brand : undefined;
  } catch {
    return undefined;
  }
}
