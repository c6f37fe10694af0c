import type { CatalogEntry, MessagePlaceholder } from './catalog-entry.js';

/** A value that fills a placeholder; it is inserted with `String(value)`. */
export type MessageValue = string | number | bigint | boolean;

/**
 * The values of a message template: a list fills the positional placeholders (`%s`, `%d`, `{}`, `XXX`) in order;
 * an object fills the named ones by name (`key` for `%(key)s`, `host` for `{host}`, `input length` for
 * `[input length]`, `parameterName` for `'parameterName'`) and the positional ones by index (`{ 0: 'a' }`).
 */
export type MessageValues = readonly MessageValue[] | Readonly<Partial<Record<string, MessageValue>>>;

function isValueList(values: MessageValues): values is readonly MessageValue[] {
  return Array.isArray(values);
}

function valueFor(values: MessageValues, placeholder: MessagePlaceholder): MessageValue | undefined {
  const key = 'name' in placeholder ? placeholder.name : placeholder.position;
  if (isValueList(values)) return typeof key === 'number' ? values[key] : undefined;
  return Object.hasOwn(values, key) ? values[key] : undefined;
}

/**
 * Fills the placeholders of a catalog message. A placeholder without a value keeps its token, so the result
 * still shows what is missing. The quotes around `'parameterName'` and `'%(key)s'` are part of the text and stay.
 * @example
 * renderMessage({ message: 'Timestamp date is XXX.', placeholders: [{ token: 'XXX', position: 0 }] }, ['2025-01-01']);
 * // 'Timestamp date is 2025-01-01.'
 * const entry = lookupError('IAM.0004');
 * if (entry) renderMessage(entry, { target: 'user', target_id: 'u-1' }); // 'Could not find user: u-1.'
 */
export function renderMessage(
  entry: Pick<CatalogEntry, 'message' | 'placeholders'>,
  values: MessageValues = [],
): string {
  const { message } = entry;
  let rendered = '';
  let cursor = 0;
  // Tokens are found in order: each is the first occurrence of its text after the previous one
  // (tools/catalog checks that this lands on the placeholder it found).
  for (const placeholder of entry.placeholders) {
    const at = message.indexOf(placeholder.token, cursor);
    if (at < 0) continue;
    const value = valueFor(values, placeholder);
    rendered += message.slice(cursor, at) + (value === undefined ? placeholder.token : String(value));
    cursor = at + placeholder.token.length;
  }
  return rendered + message.slice(cursor);
}
