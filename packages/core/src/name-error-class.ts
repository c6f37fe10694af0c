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
