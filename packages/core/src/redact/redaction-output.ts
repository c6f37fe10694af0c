import { REDACTED } from './redacted.js';

/** The redacted text under construction: the input's parts between credentials, and a marker for each credential. */
export class RedactionOutput {
  readonly #text: string;
  readonly #parts: string[] = [];
  #copied = 0;

  constructor(text: string) {
    this.#text = text;
  }

  /** Replaces `text[start, end)` by {@link REDACTED}; ranges come in increasing, non-overlapping order. */
  replace(start: number, end: number): void {
    if (end <= start || start < this.#copied) return;
    this.#parts.push(this.#text.slice(this.#copied, start), REDACTED);
    this.#copied = end;
  }

  /** Like {@link replace}, and an empty range inserts the marker: a signature prefix is never left bare. */
  replaceOrMark(start: number, end: number): void {
    if (end < start || start < this.#copied) return;
    this.#parts.push(this.#text.slice(this.#copied, start), REDACTED);
    this.#copied = end;
  }

  /** The text with every replacement made. */
  finish(): string {
    if (this.#parts.length === 0) return this.#text;
    this.#parts.push(this.#text.slice(this.#copied));
    return this.#parts.join('');
  }
}
