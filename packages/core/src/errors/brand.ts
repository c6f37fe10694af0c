// A registry symbol, not a module-local one, so that two copies of this package (two versions in one
// node_modules tree, a bundle and a dependency, two realms) still recognise each other's errors.
/** The property every `@bce-errors` error carries; its value says which class built it. */
export const ERROR_BRAND: unique symbol = Symbol.for('bce-errors.error') as never;

/** The value of {@link ERROR_BRAND}. */
export type ErrorBrandKind = 'base' | 'service' | 'client';

// `Error.isError` (Node 24, current browsers) reads the internal slot every real Error has, in any realm.
const isErrorOfAnyRealm = (Error as { isError?: (value: unknown) => boolean }).isError;

/**
 * Whether a value is a real `Error` of any realm, as opposed to an object that only looks like one. Without
 * `Error.isError`, `Object.prototype.toString` reads the same slot, but it also honours `Symbol.toStringTag`, which
 * any object can set to `'Error'`: a value with such a tag is not counted (no error of this package has one).
 */
function isRealError(value: object): boolean {
  if (typeof isErrorOfAnyRealm === 'function') return isErrorOfAnyRealm(value);
  return Object.prototype.toString.call(value) === '[object Error]' && !(Symbol.toStringTag in value);
}

/**
 * The one guard behind every check of an error's kind (`isBceError`, `isInstance`, `instanceof`): whether a value
 * carries the brand of `kind`, from any copy of this package. `'base'` accepts every brand, as every error is a
 * `BceError`; `'service'` and `'client'` accept only their own. Never throws: a revoked proxy or a hostile getter
 * reads as no brand.
 *
 * The brand must be where the constructors put it: an own, read-only, non-enumerable data property of a real
 * `Error` (of any realm). An error that passes is trusted as already redacted (toBceError returns it as it is, a
 * cause chain keeps it), so a plain object, a proxy, a foreign class with a brand field or a prototype getter, or an
 * object whose brand can be rewritten does not pass: it would carry its own unredacted fields past the sanitiser.
 */
export function hasErrorBrand(value: unknown, kind: ErrorBrandKind): boolean {
  if (value === null || typeof value !== 'object') return false;
  try {
    const descriptor = Object.getOwnPropertyDescriptor(value, ERROR_BRAND);
    if (descriptor?.writable !== false || descriptor.enumerable !== false) return false;
    const brand: unknown = descriptor.value;
    const matches = kind === 'base' ? brand === 'base' || brand === 'service' || brand === 'client' : brand === kind;
    return matches && isRealError(value);
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
