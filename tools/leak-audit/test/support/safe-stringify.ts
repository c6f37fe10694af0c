/** JSON.stringify that survives cycles, BigInts and throwing `toJSON`s, as loggers' safe stringifiers do. */
export function safeStringify(value: unknown): string {
  const seen = new WeakSet();
  try {
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
  } catch (error) {
    return `JSON.stringify threw: ${describeThrown(error)}`;
  }
}

/** The text of a thrown value, read without letting a hostile value throw again. */
export function describeThrown(thrown: unknown): string {
  try {
    if (thrown instanceof Error) return `${thrown.name}: ${thrown.message}`;
    return String(thrown);
  } catch {
    return '(a value that cannot be turned into text)';
  }
}
