import type { RenderedText } from './scan.js';

/** What {@link walkProperties} found: every string with its path, and where raw client errors sit. */
interface WalkResult {
  readonly texts: RenderedText[];
  readonly objects: number;
  /** Paths of raw axios errors (`isAxiosError`) and got errors (`options` + `timings`) reachable from the root. */
  readonly rawClientErrors: string[];
}

function isRawClientError(value: object): boolean {
  try {
    const record = value as Record<string, unknown>;
    return record.isAxiosError === true || (value instanceof Error && 'options' in record && 'timings' in record);
  } catch {
    return false;
  }
}

/** A prototype of the platform (Object, Error, Map, a stream...): its getters describe the platform, not the error. */
function isPlatformPrototype(prototype: object): boolean {
  try {
    const constructor: unknown = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value;
    return typeof constructor === 'function' && Function.prototype.toString.call(constructor).includes('[native code]');
  } catch {
    return true;
  }
}

function keyText(key: string | symbol): string {
  return typeof key === 'string'
    ? /^[A-Za-z_$][\w$]*$/u.test(key)
      ? `.${key}`
      : `[${JSON.stringify(key)}]`
    : `[${String(key)}]`;
}

/**
 * Walks everything reachable from `root` breadth first: own properties (enumerable or not, string and symbol keys),
 * own getters and the getters of its classes (each read once, a throwing one skipped), Map and Set entries,
 * `Headers`, URLs and byte arrays. So the `cause` chain, `AggregateError` `errors` and any `response`, `config`,
 * `options` or `request` object are all covered, whatever hides them from a logger. Collects every string (keys too)
 * with its path, up to `limit` objects.
 */
export function walkProperties(root: unknown, rootName = 'error', limit = 20_000): WalkResult {
  const seen = new Set<object>();
  const texts: RenderedText[] = [];
  const rawClientErrors: string[] = [];
  const queue: (readonly [unknown, string])[] = [[root, rootName]];
  // The queue grows while it is walked: an array iterator reads the length at every step.
  for (const [value, path] of queue) {
    if (seen.size >= limit) break;
    if (typeof value === 'string') {
      texts.push({ where: path, text: value });
      continue;
    }
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    if (isRawClientError(value)) rawClientErrors.push(path);
    try {
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
        const bytes = ArrayBuffer.isView(value)
          ? Buffer.from(value.buffer, value.byteOffset, Math.min(value.byteLength, 1 << 20))
          : Buffer.from(value, 0, Math.min(value.byteLength, 1 << 20));
        texts.push({ where: `${path} (bytes)`, text: bytes.toString('latin1') });
        continue;
      }
      if (value instanceof URL) texts.push({ where: `${path}.href`, text: value.href });
      if (value instanceof Headers) for (const [name, member] of value) queue.push([member, `${path}.get(${name})`]);
      if (value instanceof Map) {
        for (const [key, member] of value)
          queue.push([key, `${path} (map key)`], [member, `${path}.get(${String(key)})`]);
      }
      if (value instanceof Set) for (const member of value) queue.push([member, `${path} (set member)`]);
    } catch {
      // A hostile object (a revoked proxy) that throws on inspection has nothing more to give.
    }
    visitProperties(value, path, queue, texts);
  }
  return { texts, objects: seen.size, rawClientErrors };
}

function visitProperties(
  value: object,
  path: string,
  queue: (readonly [unknown, string])[],
  texts: RenderedText[],
): void {
  let keys: (string | symbol)[];
  try {
    keys = Reflect.ownKeys(value);
  } catch {
    return;
  }
  for (const key of keys) {
    if (typeof key === 'string') texts.push({ where: `${path} (key)`, text: key });
    else texts.push({ where: `${path} (symbol key)`, text: String(key) });
    let descriptor: PropertyDescriptor | undefined;
    try {
      descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    } catch {
      continue;
    }
    if (descriptor === undefined) continue;
    if ('value' in descriptor) queue.push([descriptor.value, `${path}${keyText(key)}`]);
    else readGetter(value, descriptor, `${path}${keyText(key)}`, queue);
  }
  // The getters of the object's own classes (a BceError subclass, a got Request): a class may compute a credential.
  let prototype: object | null = null;
  try {
    prototype = Reflect.getPrototypeOf(value);
  } catch {
    return;
  }
  for (let depth = 0; prototype !== null && depth < 8 && !isPlatformPrototype(prototype); depth += 1) {
    for (const key of Reflect.ownKeys(prototype)) {
      // `_name` getters of Node's classes are deprecated aliases of state already walked (`_headers`), and warn.
      if (typeof key === 'string' && key.startsWith('_')) continue;
      const descriptor = Reflect.getOwnPropertyDescriptor(prototype, key);
      if (descriptor?.get !== undefined) readGetter(value, descriptor, `${path}${keyText(key)} (class getter)`, queue);
    }
    prototype = Reflect.getPrototypeOf(prototype);
  }
}

function readGetter(
  owner: object,
  descriptor: PropertyDescriptor,
  path: string,
  queue: (readonly [unknown, string])[],
): void {
  if (descriptor.get === undefined) return;
  try {
    queue.push([descriptor.get.call(owner), path]);
  } catch {
    // A getter that throws has nothing to leak.
  }
}
