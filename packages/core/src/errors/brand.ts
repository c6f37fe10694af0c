// A registry symbol, not a module-local one, so that two copies of this package (two versions in one
// node_modules tree, a bundle and a dependency, two realms) still recognise each other's errors.
/** The property every `@bce-errors` error carries; its value says which class built it. */
export const ERROR_BRAND: unique symbol = Symbol.for('bce-errors.error') as never;

/** The value of {@link ERROR_BRAND}. */
export type ErrorBrandKind = 'base' | 'service' | 'client';

/**
 * The one guard behind every check of an error's kind (`isBceError`, `isInstance`, `instanceof`): whether a value
 * carries the brand of `kind`, from any copy of this package. `'base'` accepts every brand, as every error is a
 * `BceError`; `'service'` and `'client'` accept only their own. Never throws: a revoked proxy or a hostile getter
 * reads as no brand.
 */
export function hasErrorBrand(value: unknown, kind: ErrorBrandKind): boolean {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  try {
    const brand: unknown = (value as Record<symbol, unknown>)[ERROR_BRAND];
    return kind === 'base' ? brand === 'base' || brand === 'service' || brand === 'client' : brand === kind;
  } catch {
    return false;
  }
}

/**
 * Puts an error class's `name` on its prototype, where the built-in errors have it: V8 writes the stack header from
 * `name` while `super()` runs, so an instance field would come too late.
 *
 * Each class calls this from a static initializer marked `@__PURE__`, not from a statement after the class body: a
 * bundler must keep such a statement, and with it the class and everything only the class uses, in every bundle
 * that imports this package, while a pure initializer goes away with a class nothing uses.
 */
export function nameErrorClass(errorClass: abstract new (...args: never[]) => Error, name: string): true {
  Object.defineProperty(errorClass.prototype, 'name', { value: name, writable: true, configurable: true });
  return true;
}
