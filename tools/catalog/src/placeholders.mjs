/**
 * @typedef {{ token: string, name: string } | { token: string, position: number }} Placeholder
 *   `token` is the exact text of the template that a value replaces. Named placeholders take their value by
 *   name, positional ones (`%s`, `%d`, `{}`, `XXX`, `<Data>`) by their 0-based order among positional ones.
 */

/**
 * The placeholder syntaxes of the reference pages, tried at each position in this order.
 * - `%(key)s` Python named (IAM), `%s` / `%d` printf (IAM)
 * - `{host}` named brace (CFS), `{}` empty brace (IAM, slf4j style: positional)
 * - `[input length]` bracketed description of the value (IAM); the name is the trimmed inside
 * - `'parameterName'` a camelCase word in single quotes (CFS); only the word is replaced, the quotes stay
 * - `XXX` and `<Data>` the "timestamp goes here" marker of RequestExpired (positional)
 */
const PLACEHOLDER =
  /%\((?<percentName>\w+)\)s|%[sd]|\{(?<braceName>\w+)\}|\{\}|\[(?<bracketName>[^\]]+)\]|(?<=')(?<quotedName>[a-z]+(?:[A-Z][a-z0-9]*)+)(?=')|\bXXX\b|<\w+>/g;

/**
 * @typedef {object} FoundPlaceholder
 * @property {Placeholder} placeholder
 * @property {number} offset where the token starts in the message
 */

/**
 * Finds the placeholders of a message template, in order of appearance.
 * @param {string} message
 * @returns {FoundPlaceholder[]}
 */
export function findPlaceholders(message) {
  /** @type {FoundPlaceholder[]} */
  const found = [];
  let position = 0;
  for (const match of message.matchAll(PLACEHOLDER)) {
    const groups = match.groups ?? {};
    const name = groups.percentName ?? groups.braceName ?? groups.bracketName?.trim() ?? groups.quotedName;
    const token = match[0];
    /** @type {Placeholder} */
    const placeholder = name === undefined ? { token, position: position++ } : { token, name };
    found.push({ placeholder, offset: match.index });
  }
  return found;
}

/**
 * The placeholders of a message, checked to be recoverable the way `renderMessage` finds them: each token is
 * the first occurrence of its text after the previous token. Throws when that scan would pick another spot.
 * @param {string} message
 * @returns {Placeholder[]}
 */
export function placeholdersOf(message) {
  const found = findPlaceholders(message);
  let cursor = 0;
  for (const { placeholder, offset } of found) {
    const seen = message.indexOf(placeholder.token, cursor);
    if (seen !== offset) {
      throw new Error(
        `message "${message}": token "${placeholder.token}" would be found at ${String(seen)}, not ${String(offset)}`,
      );
    }
    cursor = offset + placeholder.token.length;
  }
  return found.map((f) => f.placeholder);
}
