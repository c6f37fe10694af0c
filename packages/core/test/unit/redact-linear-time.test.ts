import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/errors/redact-url.js';
import { redactText } from '../../src/index.js';

// Redaction takes linear time (contract A): the time per byte stays flat from 1 KiB to 1 MiB on inputs built to make
// a backtracking pattern rescan. Asserted as a ratio of per-byte times measured in the same process (the fastest of
// four passes each, each pass 1 MiB of input in total), never as an absolute time: the machine is shared.

const KIB = 1024;
const MIB = 1024 * KIB;

/** `unit` repeated to exactly `bytes` characters. */
function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/** Inputs that made the previous patterns backtrack, or that a new one could: each is built to a given size. */
const ADVERSARIAL: readonly [string, (bytes: number) => string][] = [
  ['repeated authorization:', (bytes) => repeatTo('authorization:', bytes)],
  ['repeated Authorization: " (unclosed quotes)', (bytes) => repeatTo('Authorization: "', bytes)],
  ['bce-auth-v1/ without an end', (bytes) => repeatTo('bce-auth-v1/', bytes)],
  ['bce-auth-v1/a/b/c/d; segments without an end', (bytes) => repeatTo('bce-auth-v1/a/b/c/d;', bytes)],
  ['one long signature segment', (bytes) => `bce-auth-v1/${repeatTo('a;', bytes - 12)}`],
  ['a long run of a=', (bytes) => `token ${repeatTo('a=', bytes - 6)}`],
  ['quotes', (bytes) => `cookie ${repeatTo('"\'', bytes - 7)}`],
  ['a cookie value of quotes, commas and spaces', (bytes) => `Cookie: ${repeatTo('" , ', bytes - 8)}`],
  ['spaces before [REDACTED]', (bytes) => `cookie=${' '.repeat(bytes - 17)}[REDACTED]`],
  ['spaces after a label', (bytes) => `cookie${' '.repeat(bytes - 7)}x`],
  ['a dotted run before ://', (bytes) => `${repeatTo('a.', bytes - 4)}://@`],
  ['a hyphenated run before token', (bytes) => `${repeatTo('x-', bytes - 5)}token`],
  ['repeated name characters ending in token', (bytes) => repeatTo('x-token', bytes)],
  ['userinfo without an @', (bytes) => repeatTo('http://a:', bytes)],
  ['passwords with a slash and no @', (bytes) => repeatTo('http://a:b/c:d', bytes)],
  ['backslashes and quotes', (bytes) => `cookie: \\"${repeatTo('\\\\"', bytes - 11)}`],
  ['escaped newlines', (bytes) => repeatTo('\\nCookie: a\\n', bytes)],
  ['open arrays', (bytes) => repeatTo('cookie=[', bytes)],
  ['open objects', (bytes) => repeatTo("'authorization' => {", bytes)],
  ['Digest parameters', (bytes) => repeatTo('Digest a=b, ', bytes)],
  ['Bearer and many spaces', (bytes) => `Bearer${' '.repeat(bytes - 7)}!`],
  ['repeated [REDACTED]', (bytes) => repeatTo('Cookie: [REDACTED]', bytes)],
  ['every trigger at once', (bytes) => repeatTo('bce-auth-v1/ Bearer basic digest :// @ cookie token secret ', bytes)],
  ['table cells without a value cell', (bytes) => repeatTo('<td>cookie</td>   ', bytes)],
  ['a value cell whose attributes never close', (bytes) => repeatTo('<td>cookie</td><td class="a ', bytes)],
  ['spaces after a closing cell', (bytes) => `<td>cookie</td>${' '.repeat(bytes - 17)}x`],
  ['credential elements whose attributes never close', (bytes) => repeatTo('<SessionToken a="', bytes)],
  ['open credential elements', (bytes) => repeatTo('<cookie>', bytes)],
  ['HTML-escaped labels without a value', (bytes) => repeatTo('&quot;authorization&quot;:&#34;', bytes)],
  ['percent-encoded pairs', (bytes) => repeatTo('x-bce-security-token%3D', bytes)],
  ['labels whose value is folded onto the next line', (bytes) => repeatTo('Cookie:\r\n \t', bytes)],
  ['a fold of only blanks', (bytes) => `Cookie:\n${' '.repeat(bytes - 9)}\n`],
  [
    'labels and blanks before words without a digit',
    (bytes) => repeatTo('cookie  Authorization\tsessionToken ', bytes),
  ],
  ['a label, a blank, then a long run without a digit', (bytes) => `cookie ${'a'.repeat(bytes - 7)}`],
  ['name attributes without a value', (bytes) => repeatTo('<Header name="cookie" a=\'', bytes)],
  ['name keys without a value key', (bytes) => repeatTo('{"name":"authorization","x":"', bytes)],
  ['numeric entities without a value end', (bytes) => repeatTo('cookie&#58;&#x3A; ', bytes)],
  ['a run of encoded hyphens before token', (bytes) => `${repeatTo('x%2D', bytes - 5)}token`],
  ['repeated encoded names ending in token', (bytes) => repeatTo('x%2Dtoken%5F', bytes)],
  ['weak labels glued together (token=token=...)', (bytes) => repeatTo('token=sig=signature:', bytes)],
  ['weak labels before runs without a digit', (bytes) => `sig=${repeatTo('credential=abcdefghijklmnop', bytes - 4)}`],
];

/** Milliseconds of one pass that redacts every text once. */
function passMs(texts: readonly string[], redact: (text: string) => string): number {
  let sink = 0;
  const start = performance.now();
  for (const text of texts) sink += redact(text).length;
  const ms = performance.now() - start;
  expect(sink).toBeGreaterThan(0);
  return ms;
}

/**
 * The time of a pass over `large` divided by that over `small` (the same total bytes): the fastest of four passes
 * each, taken in turns. Another process, a test file beside this one or a collection can only add time to a pass, so
 * the fastest is the scan's own cost, and taking turns puts a burst of load on both sides; a median of three, taken
 * one side after the other, read 10x on a loaded CI machine. A scan that rescans reads 64x at 1 MiB against 16 KiB.
 */
function passRatio(small: readonly string[], large: readonly string[], redact: (text: string) => string): number {
  // Warm up both, so the JIT has compiled the scan before either is measured.
  passMs(small, redact);
  passMs(large, redact);
  let smallMs = Number.POSITIVE_INFINITY;
  let largeMs = Number.POSITIVE_INFINITY;
  for (let turn = 0; turn < 4; turn += 1) {
    largeMs = Math.min(largeMs, passMs(large, redact));
    smallMs = Math.min(smallMs, passMs(small, redact));
  }
  return largeMs / smallMs;
}

/** The per-byte time of `size`-byte inputs over that of 16 KiB ones, with the same total bytes per pass. */
function perByteRatio(make: (bytes: number) => string, size: number, redact: (text: string) => string): number {
  const reference = 16 * KIB;
  const total = Math.max(size, MIB);
  const small = Array.from({ length: total / reference }, () => make(reference));
  const large = Array.from({ length: total / size }, () => make(size));
  for (const text of [small[0], large[0]]) expect(text?.length).toBeGreaterThan(0);
  return passRatio(small, large, redact);
}

describe('redactText takes linear time', () => {
  it.each(ADVERSARIAL)('%s: per-byte time at 1 MiB <= 5x that at 16 KiB', (_name, make) => {
    expect(perByteRatio(make, MIB, redactText)).toBeLessThanOrEqual(5);
  });

  it.each(ADVERSARIAL.slice(0, 3))('%s: per-byte time at 1 KiB and 1 MiB agree within 5x', (_name, make) => {
    // 1,024 inputs of 1 KiB against one of 1 MiB: the per-call cost makes small inputs slower per byte, not faster.
    const small = Array.from({ length: 1024 }, () => make(KIB));
    const large = [make(MIB)];
    expect(passRatio(small, large, redactText)).toBeLessThanOrEqual(5);
  });

  it('redactUrl too, on a long hostile URL', () => {
    const url = (bytes: number): string =>
      `http://${repeatTo('a:', bytes / 4)}@h/?${repeatTo('authorization=x&', bytes / 2)}${repeatTo('@', bytes / 4)}`;
    expect(perByteRatio(url, MIB, redactUrl)).toBeLessThanOrEqual(5);
  });

  it('redactUrl on a run of ? (each one could start a query parameter)', () => {
    const url = (bytes: number): string => `/x${'?'.repeat(bytes - 2)}`;
    expect(perByteRatio(url, 256 * KIB, redactUrl)).toBeLessThanOrEqual(5);
  });
});
