// @ts-check
// `pnpm bench`'s command line: the presets (--quick, the default, --long: issue 14's 40 × 1,000), --rounds and
// --count, and the messages that say what to fix when an argument is wrong.
import { describe, expect, it } from 'vitest';
import { benchSettings, NET_PRESETS, parseBenchArguments } from '../src/bench-arguments.mjs';

describe('parseBenchArguments and benchSettings', () => {
  it('keeps the default run at 12 rounds × 500 requests, with every switch off', () => {
    const parsed = parseBenchArguments([]);
    expect(parsed).toMatchObject({ check: false, strict: false, updateDocs: false, noBuild: false, preset: 'full' });
    expect(benchSettings(parsed)).toMatchObject({
      quick: false,
      preset: 'full',
      net: { rounds: 12, count: 500, warmup: 300, concurrency: 8 },
      importSpawns: 10,
    });
  });

  it("runs issue 14's method with --long: 40 rounds × 1,000 requests, the other sections as the default run", () => {
    const long = benchSettings(parseBenchArguments(['--long', '--check']));
    expect(long.net).toMatchObject({ rounds: 40, count: 1000 });
    expect(NET_PRESETS.long).toEqual({ rounds: 40, count: 1000 });
    const full = benchSettings(parseBenchArguments([]));
    expect({ ...long, preset: 'full', net: full.net }).toEqual(full);
  });

  it('keeps --quick a smoke test, and lets --rounds and --count (with a space or =) override any preset', () => {
    expect(benchSettings(parseBenchArguments(['--', '--quick', '--check', '--no-build']))).toMatchObject({
      quick: true,
      net: { rounds: 4, count: 300, warmup: 200 },
      importSpawns: 3,
    });
    const parsed = parseBenchArguments(['--quick', '--rounds', '7', '--count=250']);
    expect(parsed).toMatchObject({ preset: 'quick', rounds: 7, count: 250 });
    expect(benchSettings(parsed).net).toMatchObject({ rounds: 7, count: 250, warmup: 200 });
    expect(benchSettings(parseBenchArguments(['--rounds=3'])).net).toMatchObject({ rounds: 3, count: 500 });
  });

  it('rejects a bad --rounds or --count with what to write instead', () => {
    expect(() => parseBenchArguments(['--rounds'])).toThrow('--rounds needs a number after it, e.g. --rounds 40');
    expect(() => parseBenchArguments(['--count', '--quick'])).toThrow(
      '--count needs a number after it, e.g. --count 1000',
    );
    for (const text of ['0', '-3', '2.5', 'ten', '1e3', ' 5', '99999999999999999999']) {
      expect(() => parseBenchArguments(['--count', text])).toThrow(
        `--count must be a whole number of at least 1, got "${text}"`,
      );
    }
    expect(() => parseBenchArguments(['--rounds='])).toThrow('--rounds needs a number after it');
  });

  it('rejects an unknown flag, a value on a switch, a flag given twice and --quick with --long', () => {
    expect(() => parseBenchArguments(['--lon'])).toThrow(/^unknown argument --lon; known: .*--long.*--rounds <n>/);
    expect(() => parseBenchArguments(['--check=yes'])).toThrow('--check takes no value (got --check=yes)');
    expect(() => parseBenchArguments(['--rounds', '4', '--rounds=5'])).toThrow('--rounds is given twice; give it once');
    expect(() => parseBenchArguments(['--long', '--quick'])).toThrow('--quick and --long exclude each other');
  });
});
