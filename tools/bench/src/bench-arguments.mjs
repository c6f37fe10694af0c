// @ts-check
// `pnpm bench`'s command line: the flags, the presets (--quick, the default, --long) and the HTTP rounds'
// --rounds / --count, parsed into the settings every section reads. Apart from bench.mjs, which runs everything on
// import, so that the parsing can be tested.

/**
 * How much the run measures: `quick` is a smoke test, `full` the default, `long` the method of issue 14's table
 * (40 interleaved rounds × 1,000 requests per variant).
 * @typedef {'quick' | 'full' | 'long'} Preset
 *
 * The parsed command line.
 * @typedef {object} BenchArguments
 * @property {boolean} check Exit 1 when a deterministic budget is exceeded.
 * @property {boolean} strict With `check`: timing budgets fail too.
 * @property {boolean} updateDocs Rewrite the results block of docs/performance.md.
 * @property {boolean} heapBaseline Also the bare clients' heap growth.
 * @property {boolean} noBuild Do not build a missing dist/.
 * @property {boolean} help Print the usage and exit.
 * @property {Preset} preset
 * @property {number | undefined} rounds HTTP rounds per path, overriding the preset's.
 * @property {number | undefined} count Requests per variant and round, overriding the preset's.
 */

/** The HTTP rounds of each preset (per adapter and path, every variant once per round). */
export const NET_PRESETS = Object.freeze({
  quick: Object.freeze({ rounds: 4, count: 300 }),
  full: Object.freeze({ rounds: 12, count: 500 }),
  long: Object.freeze({ rounds: 40, count: 1000 }),
});

/** @type {Readonly<Record<string, keyof BenchArguments>>} */
const SWITCHES = Object.freeze({
  '--check': 'check',
  '--strict': 'strict',
  '--update-docs': 'updateDocs',
  '--heap-baseline': 'heapBaseline',
  '--no-build': 'noBuild',
  '--help': 'help',
});
const PRESET_FLAGS = Object.freeze({ '--quick': 'quick', '--long': 'long' });
const NUMBERS = Object.freeze({ '--rounds': 'rounds', '--count': 'count' });

/** Every flag `pnpm bench` knows, for the message about an unknown one. */
const KNOWN_FLAGS = Object.freeze([
  ...Object.keys(SWITCHES),
  ...Object.keys(PRESET_FLAGS),
  '--rounds <n>',
  '--count <n>',
]);

/**
 * @param {string} flag
 * @param {string | undefined} text
 * @returns {number}
 */
function wholeNumber(flag, text) {
  if (text === undefined || text === '' || text.startsWith('--'))
    throw new Error(`${flag} needs a number after it, e.g. ${flag} ${flag === '--rounds' ? '40' : '1000'}`);
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1)
    throw new Error(`${flag} must be a whole number of at least 1, got "${text}"`);
  return value;
}

/**
 * Parses `pnpm bench`'s arguments (a `--` that pnpm passes through is ignored). Throws an Error whose message says
 * what to fix: an unknown flag, --quick with --long, a flag given twice, --rounds or --count without a whole
 * number ≥ 1 (`--rounds 40` or `--rounds=40`).
 * @param {readonly string[]} argv The arguments after the script's path.
 * @returns {BenchArguments}
 */
export function parseBenchArguments(argv) {
  /** @type {BenchArguments} */
  const parsed = {
    check: false,
    strict: false,
    updateDocs: false,
    heapBaseline: false,
    noBuild: false,
    help: false,
    preset: 'full',
    rounds: undefined,
    count: undefined,
  };
  /** @type {Set<string>} */
  const seen = new Set();
  const args = argv.filter((arg) => arg !== '--');
  for (let i = 0; i < args.length; i += 1) {
    const arg = /** @type {string} */ (args[i]);
    const equals = arg.indexOf('=');
    const flag = equals === -1 ? arg : arg.slice(0, equals);
    if (seen.has(flag)) throw new Error(`${flag} is given twice; give it once`);
    seen.add(flag);
    if (Object.hasOwn(NUMBERS, flag)) {
      const key = NUMBERS[/** @type {keyof typeof NUMBERS} */ (flag)];
      if (equals === -1) {
        i += 1;
        parsed[key] = wholeNumber(flag, args[i]);
      } else {
        parsed[key] = wholeNumber(flag, arg.slice(equals + 1));
      }
    } else if (equals !== -1) {
      throw new Error(`${flag} takes no value (got ${arg})`);
    } else if (Object.hasOwn(PRESET_FLAGS, flag)) {
      const preset = PRESET_FLAGS[/** @type {keyof typeof PRESET_FLAGS} */ (flag)];
      if (parsed.preset !== 'full')
        throw new Error('--quick and --long exclude each other; choose one (or set --rounds and --count)');
      parsed.preset = /** @type {Preset} */ (preset);
    } else if (Object.hasOwn(SWITCHES, flag)) {
      /** @type {Record<string, unknown>} */ (parsed)[/** @type {string} */ (SWITCHES[flag])] = true;
    } else {
      throw new Error(`unknown argument ${arg}; known: ${KNOWN_FLAGS.join(' ')}`);
    }
  }
  return parsed;
}

/**
 * What each section of the run does, from the parsed arguments: --rounds and --count change only the HTTP rounds
 * of the preset; the other sections follow the preset (--long measures them as the default run does).
 * @param {BenchArguments} parsed
 */
export function benchSettings(parsed) {
  const quick = parsed.preset === 'quick';
  const rounds = NET_PRESETS[parsed.preset];
  return {
    quick,
    preset: parsed.preset,
    // One A/A control (bare vs bare) shows in every run how far from 1 a ratio lands on this machine by chance.
    net: {
      rounds: parsed.rounds ?? rounds.rounds,
      count: parsed.count ?? rounds.count,
      warmup: quick ? 200 : 300,
      concurrency: 8,
      control: /** @type {[string, 'success' | 'error'][]} */ ([['fetch', 'success']]),
    },
    heap: quick ? { warmup: 500, perStep: 2500, concurrency: 8 } : { warmup: 2000, perStep: 10_000, concurrency: 8 },
    heapBaseline: parsed.heapBaseline,
    micro: quick ? { time: 60, passes: 2 } : { time: 150, passes: 5 },
    importSpawns: quick ? 3 : 10,
  };
}
