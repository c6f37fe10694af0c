const watched: readonly [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['Error.prototype', Error.prototype],
  ['String.prototype', String.prototype],
];

function snapshot(): Map<string, string> {
  return new Map(watched.map(([name, prototype]) => [name, Reflect.ownKeys(prototype).map(String).sort().join('|')]));
}

const baseline = snapshot();

/**
 * Throws when a built-in prototype gained or lost an own key since this module loaded, or when a fresh object
 * sees a `polluted` property: what a naive merge of a hostile `__proto__` or `constructor.prototype` key causes.
 */
export function assertNoPrototypePollution(): void {
  if (
    ({} as Record<string, unknown>).polluted !== undefined ||
    ([] as unknown as Record<string, unknown>).polluted !== undefined
  ) {
    throw new Error('prototype pollution: a fresh object has a `polluted` property');
  }
  const now = snapshot();
  for (const [name, keys] of baseline) {
    if (now.get(name) !== keys) throw new Error(`prototype pollution: the own keys of ${name} changed`);
  }
}
