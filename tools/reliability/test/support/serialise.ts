import { inspect } from 'node:util';

/** JSON.stringify that survives cycles and BigInts, as loggers' safe stringifiers do. */
export function safeStringify(value: unknown): string {
  const seen = new WeakSet();
  // `unknown`: JSON.stringify gives `undefined` for a function, a symbol or `undefined`, whatever its declared type.
  const text: unknown = JSON.stringify(value, (_key, member: unknown) => {
    if (typeof member === 'bigint') return member.toString();
    if (typeof member === 'object' && member !== null) {
      if (seen.has(member)) return '[Circular]';
      seen.add(member);
    }
    return member;
  });
  return typeof text === 'string' ? text : 'undefined';
}

function isErrorLike(value: unknown): value is Error {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string' &&
    'stack' in value
  );
}

/**
 * What pino's standard `err` serializer (pino-std-serializers `errWithCause`) makes of an error: type, message,
 * stack, the cause serialised the same way, then every enumerable property (own and inherited) it does not have yet.
 */
export function pinoStyle(error: unknown): string {
  const seen = new WeakSet();
  const serialise = (value: Error): Record<string, unknown> => {
    seen.add(value);
    const constructorName: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
    const out: Record<string, unknown> = { type: constructorName, message: value.message, stack: value.stack };
    const cause: unknown = value.cause;
    if (cause !== undefined) out.cause = isErrorLike(cause) && !seen.has(cause) ? serialise(cause) : cause;
    for (const key in value) {
      if (out[key] !== undefined) continue;
      const member: unknown = (value as unknown as Record<string, unknown>)[key];
      out[key] = isErrorLike(member) && !seen.has(member) ? serialise(member) : member;
    }
    return out;
  };
  return isErrorLike(error) ? safeStringify(serialise(error)) : safeStringify(error);
}

/** The errors below `error`: its `cause` chain and any aggregated `errors`, breadth first, each once. */
export function causeChain(error: unknown, limit = 32): unknown[] {
  const found: unknown[] = [];
  const seen = new Set<unknown>([error]);
  const queue: unknown[] = [error];
  while (queue.length > 0 && found.length < limit) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null) continue;
    const next: unknown[] = [(current as { cause?: unknown }).cause];
    const errors: unknown = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors)) next.push(...(errors as unknown[]));
    for (const member of next) {
      if (member === undefined || member === null || seen.has(member)) continue;
      seen.add(member);
      found.push(member);
      queue.push(member);
    }
  }
  return found;
}

/** The five renderings of one error that a logger or a person reading a console produces. */
export function renderOne(error: unknown): string[] {
  const asError = error as Error | undefined;
  return [
    String(asError?.message),
    String(asError?.stack),
    String(error),
    safeStringify(error),
    inspect(error, { depth: Infinity, showHidden: true }),
    pinoStyle(error),
  ];
}

/** What {@link reachable} found: every string, and the raw client errors on the way. */
interface Reachable {
  strings: string[];
  objects: number;
  /** Raw axios errors (`isAxiosError`) and got errors (with `options` and `timings`) reachable from the root. */
  rawClientErrors: number;
}

function isRawClientError(value: object): boolean {
  try {
    const record = value as Record<string, unknown>;
    return record.isAxiosError === true || ('options' in record && 'timings' in record && value instanceof Error);
  } catch {
    return false;
  }
}

/**
 * Walks everything reachable from `root` through own properties (enumerable or not, string or symbol keys, getters
 * included), Map and Set entries, breadth first, up to `limit` objects, and collects every string it meets
 * (keys too; byte arrays as Latin-1 text).
 */
export function reachable(root: unknown, limit = 20_000): Reachable {
  const seen = new Set<object>();
  const strings: string[] = [];
  let rawClientErrors = 0;
  const queue: unknown[] = [root];
  for (let index = 0; index < queue.length && seen.size < limit; index += 1) {
    const value = queue[index];
    if (typeof value === 'string') {
      strings.push(value);
      continue;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (isRawClientError(value)) rawClientErrors += 1;
    if (value instanceof Uint8Array) {
      strings.push(Buffer.from(value.buffer, value.byteOffset, Math.min(value.byteLength, 1 << 20)).toString('latin1'));
      continue;
    }
    if (value instanceof Map) for (const [key, member] of value) queue.push(key, member);
    if (value instanceof Set) for (const member of value) queue.push(member);
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === 'string') strings.push(key);
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined) continue;
      if ('value' in descriptor) queue.push(descriptor.value);
      else if (descriptor.get !== undefined) {
        try {
          queue.push(descriptor.get.call(value));
        } catch {
          // A getter that throws has nothing to leak.
        }
      }
    }
  }
  return { strings, objects: seen.size, rawClientErrors };
}
