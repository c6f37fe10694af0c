// @ts-check
// Throughput of core's `redactText` (MB/s) at 1 KiB, 64 KiB and 1 MiB, on the built package: a text without any
// credential (the quick scan), an error page with a header dump every ~400 bytes (the common case with credentials)
// and hostile repetitions that made the previous, backtracking patterns quadratic. Linear redaction shows as about
// the same MB/s at every size; a quadratic one as MB/s falling by the size ratio.
//
//   node src/redact-throughput.mjs [--quick] [--json]
//
// Each figure is the median of several passes, each pass redacting about 1 MiB of input (1,024 texts of 1 KiB,
// 16 of 64 KiB or 1 of 1 MiB), after one warm-up pass. An input whose pass would take longer than a budget is
// measured on one text only, and its larger sizes are not run, so a quadratic engine cannot stall the run.
import { redactText } from '@bce-errors/core';
import { median } from './stats.mjs';

const args = new Set(process.argv.slice(2));
const PASSES = args.has('--quick') ? 3 : 7;
const SLOW_PASS_MS = 2000;
const KIB = 1024;
const SIZES = /** @type {const} */ ([
  ['1 KiB', KIB],
  ['64 KiB', 64 * KIB],
  ['1 MiB', 1024 * KIB],
]);

/**
 * `unit` repeated to exactly `bytes` characters, as a flat string (what a decoded body is).
 * @param {string} unit
 * @param {number} bytes
 */
function repeatTo(unit, bytes) {
  return Buffer.from(unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes), 'latin1').toString('latin1');
}

const SIGNATURE =
  'bce-auth-v1/0b0f67dfb88244b289b72b142befad0c/2024-05-01T08:00:00Z/1800/host;x-bce-date/7f1c5d0c2e6b9a4f3d8e1b0a5c7f9e2d4b6a8c0e1f3d5b7a9c2e4f6a8b0d1c3e';
const HEADER_DUMP = [
  '<p>upstream request failed</p><pre>GET /bucket/key HTTP/1.1',
  'Host: bj.bcebos.com',
  `Authorization: ${SIGNATURE}`,
  'x-bce-security-token: ZjkyOGU4MTEtNjdhNC00NGFlLWFmYjItZjVkODg5YzhkMWE0',
  'Cookie: BDUSS=aGVsbG8td29ybGQ; BAIDUID=b3RoZXI',
  'x-bce-date: 2024-05-01T08:00:00Z</pre>\n',
].join('\r\n');

/** @type {readonly [string, (bytes: number) => string][]} */
const INPUTS = [
  ['plain text, no credential', (bytes) => repeatTo('The value of the field is not valid for this request. ', bytes)],
  ['error page with header dumps', (bytes) => repeatTo(HEADER_DUMP, bytes)],
  ['hostile: spaces before [REDACTED]', (bytes) => `cookie=${' '.repeat(bytes - 17)}[REDACTED]`],
  ['hostile: a dotted run before ://', (bytes) => `${repeatTo('a.', bytes - 4)}://@`],
  ['hostile: repeated authorization:', (bytes) => repeatTo('authorization:', bytes)],
  ['hostile: bce-auth-v1/ without an end', (bytes) => repeatTo('bce-auth-v1/', bytes)],
];

let sink = 0;
/**
 * Milliseconds of one pass over `texts`.
 * @param {readonly string[]} texts
 */
function pass(texts) {
  const start = performance.now();
  for (const text of texts) sink += redactText(text).length;
  return performance.now() - start;
}

/**
 * @typedef {object} Figure
 * @property {string} input
 * @property {string} size
 * @property {number | null} mbPerSecond decimal megabytes (10^6 bytes) of input per second; null when not run
 * @property {boolean} slow whether one text took longer than the budget: the figure is from that one text, and
 *   the larger sizes of the input are not run (a quadratic engine would take minutes)
 */
/** @type {Figure[]} */
const figures = [];
for (const [input, make] of INPUTS) {
  let skip = false;
  for (const [size, bytes] of SIZES) {
    if (skip) {
      figures.push({ input, size, mbPerSecond: null, slow: true });
      continue;
    }
    const texts = Array.from({ length: Math.max(1, (1024 * KIB) / bytes) }, () => make(bytes));
    const probe = pass(texts.slice(0, 1));
    if (probe * texts.length > SLOW_PASS_MS) {
      figures.push({ input, size, mbPerSecond: bytes / 1e6 / (probe / 1000), slow: true });
      skip = probe > SLOW_PASS_MS / 4;
      continue;
    }
    pass(texts);
    const times = Array.from({ length: PASSES }, () => pass(texts));
    figures.push({ input, size, mbPerSecond: (texts.length * bytes) / 1e6 / (median(times) / 1000), slow: false });
    process.stderr.write('.');
  }
}
process.stderr.write('\n');

if (args.has('--json')) {
  process.stdout.write(`${JSON.stringify({ passes: PASSES, figures, sink })}\n`);
} else {
  const cell = (/** @type {Figure | undefined} */ figure) =>
    figure?.mbPerSecond === null || figure === undefined
      ? 'not run'
      : `${figure.mbPerSecond.toFixed(figure.mbPerSecond < 10 ? 2 : 0)}${figure.slow ? ' (one text)' : ''}`;
  const lines = [
    `| redactText, MB/s | ${SIZES.map(([size]) => size).join(' | ')} |`,
    `| --- | ${SIZES.map(() => '---:').join(' | ')} |`,
    ...INPUTS.map(
      ([input]) =>
        `| ${input} | ${SIZES.map(([size]) => cell(figures.find((figure) => figure.input === input && figure.size === size))).join(' | ')} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
