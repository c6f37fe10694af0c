import type { Sentinel } from './secret-corpus.js';

/** One text a rendering produced, with where it came from (a property path for the walk). */
export interface RenderedText {
  readonly where: string;
  readonly text: string;
}

/** One spelling of a secret that the scanner looks for. */
interface SecretForm {
  readonly form: string;
  readonly needle: string;
}

/** One secret found in one text. */
export interface Finding {
  readonly secret: string;
  readonly form: string;
  readonly where: string;
  readonly excerpt: string;
}

/**
 * The base64 text that encodes `value` wherever it sits in a longer encoded text: the value is placed after 0, 1
 * and 2 bytes of anything, and only the characters that depend on its bytes alone are kept (a `user:password` pair
 * encoded as a whole shows the password at one of the three alignments).
 */
function base64Needles(value: string, alphabet: 'base64' | 'base64url'): string[] {
  const bytes = Buffer.from(value);
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString(alphabet);
    const start = offset === 0 ? 0 : 4;
    const end = Math.floor((offset + bytes.length) / 3) * 4;
    return encoded.slice(start, end);
  });
}

const FRAGMENT_LENGTH = 12;

/**
 * Pieces of the random part of a secret (its trailing hex digits, or all of it): a text cut inside a secret (a body
 * snippet at its byte limit) still leaks what it kept. 12 hex digits of a sentinel meet nothing else by chance.
 */
function fragments(value: string): (readonly [offset: number, piece: string])[] {
  const match = /[0-9a-f]{24,}$/u.exec(value);
  const random = match?.[0] ?? value;
  const base = match?.index ?? 0;
  if (random.length <= FRAGMENT_LENGTH * 2) return [];
  const pieces: (readonly [number, string])[] = [];
  for (let start = 0; start + FRAGMENT_LENGTH <= random.length; start += FRAGMENT_LENGTH) {
    pieces.push([base + start, random.slice(start, start + FRAGMENT_LENGTH)]);
  }
  pieces.push([base + random.length - FRAGMENT_LENGTH, random.slice(-FRAGMENT_LENGTH)]);
  return pieces;
}

/**
 * Every spelling of `value` a rendering could hold: as it is, base64, URL-encoded, JSON-escaped (once and twice),
 * and, last, any 12-character piece of its random part.
 */
export function secretForms(value: string): SecretForm[] {
  const forms: SecretForm[] = [{ form: 'as is', needle: value }];
  const add = (form: string, needle: string): void => {
    if (needle.length >= 8 && !forms.some((existing) => existing.needle === needle)) forms.push({ form, needle });
  };
  for (const [index, needle] of base64Needles(value, 'base64').entries()) add(`base64 (offset ${index})`, needle);
  for (const [index, needle] of base64Needles(value, 'base64url').entries()) add(`base64url (offset ${index})`, needle);
  add('URL-encoded', encodeURIComponent(value));
  const escaped = JSON.stringify(value).slice(1, -1);
  add('JSON-escaped', escaped);
  add('JSON-escaped twice', JSON.stringify(escaped).slice(1, -1));
  for (const [offset, piece] of fragments(value)) add(`a piece of it (from character ${String(offset)})`, piece);
  return forms;
}

const EXCERPT_RADIUS = 60;

function excerptAround(text: string, index: number, length: number): string {
  const start = Math.max(0, index - EXCERPT_RADIUS);
  const end = Math.min(text.length, index + length + EXCERPT_RADIUS);
  return `${start > 0 ? '...' : ''}${text.slice(start, end)}${end < text.length ? '...' : ''}`.replace(/\s+/gu, ' ');
}

/** Every secret of `secrets`, in any of its {@link secretForms}, in any of `texts`: one finding per secret and text. */
export function scanTexts(texts: readonly RenderedText[], secrets: readonly Sentinel[]): Finding[] {
  const findings: Finding[] = [];
  for (const secret of secrets) {
    const forms = secretForms(secret.value);
    for (const { where, text } of texts) {
      for (const { form, needle } of forms) {
        const index = text.indexOf(needle);
        if (index === -1) continue;
        findings.push({ secret: secret.name, form, where, excerpt: excerptAround(text, index, needle.length) });
        break;
      }
    }
  }
  return findings;
}

/** A finding as one line of a test failure: which secret, in which spelling, where, and the text around it. */
export function formatFinding(finding: Finding): string {
  return `${finding.secret} (${finding.form}) in ${finding.where}: ${finding.excerpt}`;
}
