import { describe, expect, it } from 'vitest';
import { REDACTED, redactText } from '../../src/index.js';
import { SECRET_CORPUS, SURVIVORS } from '../fixtures/redact-secret-corpus.js';

// Every shape a credential was seen in (issue 12) goes, every text without one stays exactly as it was, and
// redacting twice (fromJSON of a redacted error) equals redacting once.

describe('redactText: the secret corpus', () => {
  it.each(SECRET_CORPUS.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    // The entry does hold its secrets, so a clean result means they were removed.
    for (const secret of entry.secrets) expect(entry.text).toContain(secret);
    const redacted = redactText(entry.text);
    for (const secret of entry.secrets) {
      if (redacted.includes(secret)) expect.fail(`${secret} survived in:\n${redacted}`);
    }
    expect(redacted).toContain(REDACTED);
    if (entry.expected !== undefined) expect(redacted).toBe(entry.expected);
    expect(redactText(redacted)).toBe(redacted);
  });

  it('the whole corpus as one text (a body snippet that holds everything)', () => {
    const text = SECRET_CORPUS.map((entry) => entry.text).join('\n');
    const redacted = redactText(text);
    for (const secret of SECRET_CORPUS.flatMap((entry) => entry.secrets)) expect(redacted).not.toContain(secret);
    expect(redactText(redacted)).toBe(redacted);
  });
});

describe('redactText: a signature prefix is always followed by the marker', () => {
  // Whatever follows it, even nothing (a text cut right after the prefix), so a scan for an unredacted
  // `bce-auth-v1/` never finds one in a redacted text.
  it.each([
    ['bce-auth-v1/', 'bce-auth-v1/[REDACTED]'],
    ['{"code":"bce-auth-v1/"}', '{"code":"bce-auth-v1/[REDACTED]"}'],
    ['bce-auth-v1/ next', 'bce-auth-v1/[REDACTED] next'],
    ['bce-auth-v1%2F&x=1', 'bce-auth-v1%2F[REDACTED]&x=1'],
  ])('%j', (text, expected) => {
    expect(redactText(text)).toBe(expected);
    expect(redactText(expected)).toBe(expected);
  });
});

describe('redactText: texts without credentials survive unchanged', () => {
  it.each(SURVIVORS.map((text) => [text] as const))('%j', (text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('redactText: idempotence on random mixes of the corpus', () => {
  // A seeded generator: the same inputs on every run, so a failure reproduces.
  function generator(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let value = Math.imul(state ^ (state >>> 15), 1 | state);
      value ^= value + Math.imul(value ^ (value >>> 7), 61 | value);
      return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
    };
  }
  const pieces = [
    ...SECRET_CORPUS.map((entry) => entry.text),
    ...SURVIVORS,
    'authorization',
    'Authorization:',
    'cookie=',
    ' ',
    '\\n',
    '\n',
    '"',
    "'",
    '\\"',
    '[',
    ']',
    '{',
    '}',
    '&',
    ';',
    '=',
    ':',
    'bce-auth-v1/',
    '%2F',
    '\\/',
    'Bearer ',
    'Digest ',
    'response=',
    'http://',
    '@',
    REDACTED,
    "b'",
    'HTTP_COOKIE=',
  ];

  it('redacting twice equals once, and every secret of a piece used goes, for 2,000 random mixes', () => {
    const random = generator(12);
    for (let round = 0; round < 2000; round += 1) {
      const parts: string[] = [];
      const count = 1 + Math.floor(random() * 12);
      for (let index = 0; index < count; index += 1) {
        parts.push(pieces[Math.floor(random() * pieces.length)] ?? '');
      }
      const text = parts.join('');
      const once = redactText(text);
      const twice = redactText(once);
      if (twice !== once) expect.fail(`not idempotent on ${JSON.stringify(text)}:\n${once}\n${twice}`);
    }
  });

  it('a corpus entry keeps none of its secrets wherever it sits between whole lines of noise', () => {
    const random = generator(34);
    for (let round = 0; round < 500; round += 1) {
      const entry = SECRET_CORPUS[Math.floor(random() * SECRET_CORPUS.length)];
      if (entry === undefined) continue;
      const before = pieces[Math.floor(random() * pieces.length)] ?? '';
      const after = pieces[Math.floor(random() * pieces.length)] ?? '';
      const redacted = redactText(`${before}\n${entry.text}\n${after}`);
      for (const secret of entry.secrets) {
        if (redacted.includes(secret)) expect.fail(`${secret} survived in:\n${redacted}`);
      }
    }
  });
});
