import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { CATALOG_SERVICES, type ServiceName } from '../catalog/catalog-codes.gen.js';
import type { CatalogEntry } from '../catalog/catalog-entry.js';
import { catalogEntries, listErrors, lookupError } from '../catalog/lookup.js';
import { suggestErrorCodes } from '../catalog/suggest-error-codes.js';
import { httpStatusText } from '../parse/http-status-text.js';
import { findFormatExampleCode, type FormatExampleCode } from './format-example-codes.js';

/** Where the CLI writes; the real one writes to `process.stdout` and `process.stderr`. */
interface CliIo {
  /** Writes results. */
  readonly stdout: (text: string) => void;
  /** Writes errors and hints. */
  readonly stderr: (text: string) => void;
}

/** Exit codes of the CLI. */
export const CLI_EXIT = { ok: 0, unknownCode: 1, usage: 2 } as const;

const USAGE = `Usage:
  bce-errors explain <code> [--service <service>] [--json]
  bce-errors list [--status <http status>] [--service <service>] [--json]
  bce-errors --help | --version

Explains the error codes of Baidu AI Cloud (BCE) APIs, from the catalog of @bce-errors/core.

Commands:
  explain <code>   Show the status, message, description and remedy of an error code.
                   Without --service, every service that lists the code is shown.
  list             List the error codes, optionally filtered.

Options:
  --service <name> One of: ${CATALOG_SERVICES.join(', ')} (bce = global codes).
  --status <code>  Only codes answered with this HTTP status (list).
  --json           Print JSON (an array of catalog entries).
  -h, --help       Show this help.
  -v, --version    Print the version of @bce-errors/core (whose catalog this is).

Exit codes: 0 found, 1 unknown error code, 2 wrong usage.
`;

class UsageError extends Error {}

function parseService(value: string | undefined): ServiceName | undefined {
  if (value === undefined) return undefined;
  const service = CATALOG_SERVICES.find((name) => name === value.toLowerCase());
  if (service === undefined) {
    throw new UsageError(`unknown service "${value}"; the catalog has: ${CATALOG_SERVICES.join(', ')}`);
  }
  return service;
}

function parseStatus(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-5]\d\d$/.test(value)) throw new UsageError(`--status wants an HTTP status such as 403, not "${value}"`);
  return Number(value);
}

function describe(entry: CatalogEntry): string {
  const rows: [string, string][] = [
    ['service', entry.service === 'bce' ? 'bce (global code: any BCE service can return it)' : entry.service],
    ['status', `${String(entry.status)} ${httpStatusText(entry.status)}`],
    ['message', entry.message],
    ['description', entry.description],
  ];
  if (entry.remedy !== undefined) rows.push(['remedy', entry.remedy]);
  if (entry.placeholders.length > 0) {
    const fills = entry.placeholders.map(
      (p) => `${p.token} (${'name' in p ? `by name: ${p.name}` : `value ${String(p.position + 1)}`})`,
    );
    rows.push(['placeholders', fills.join(', ')]);
  }
  return [entry.code, ...rows.map(([label, value]) => `  ${`${label}:`.padEnd(14)}${value}`)].join('\n');
}

function table(entries: readonly CatalogEntry[]): string {
  const header = ['SERVICE', 'CODE', 'STATUS', 'MESSAGE'] as const;
  const rows = entries.map((e) => [e.service, e.code, String(e.status), e.message] as const);
  const widths = [0, 1, 2].map((column) =>
    Math.max(header[column]?.length ?? 0, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((text, column) => (column < 3 ? text.padEnd(widths[column] ?? 0) : text))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function json(entries: readonly CatalogEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}

const HELP_HINT = "Run 'bce-errors --help' for usage.";

/** The catalogs there are, for the answer to an unknown code. */
function catalogsLine(): string {
  const services = CATALOG_SERVICES.map((name) => (name === 'bce' ? 'bce (global codes)' : name));
  return `The catalog has the codes of: ${services.join(', ')}.`;
}

/** "the CFS and EIP error-code pages", from the page ids of tools/catalog/pages.json (`cfs-api-error-code`). */
function pagesOf(example: FormatExampleCode): string {
  const names = example.pages.map((id) => id.split('-')[0]?.toUpperCase() ?? id);
  return `${names.join(' and ')} error-code page${names.length === 1 ? '' : 's'}`;
}

/** The answer to a code the catalog lacks: why, what is near, and where else to look. */
function unknownCode(code: string, service: ServiceName | undefined): string {
  const lines: string[] = [];
  const example = findFormatExampleCode(code);
  if (example !== undefined && !example.near) {
    const { code: exampleCode, message, hint } = example.example;
    lines.push(
      `bce-errors: ${code} is not a catalogued error code.`,
      `It is the code of the error format's example body on the ${pagesOf(example.example)}:`,
      `  {"code": "${exampleCode}", "message": "${message}", "requestId": "..."}`,
      `No service's error table lists it. ${hint}`,
    );
  } else {
    const suggestions = suggestErrorCodes(code, { service });
    const where = service === undefined ? '' : ` in ${service} (or the global bce codes)`;
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : '';
    lines.push(`bce-errors: unknown error code "${code}"${where}.${hint}`);
    if (example !== undefined) {
      lines.push(
        `${suggestions.length > 0 ? 'Or' : 'Did you mean'} ${example.example.code}? That is not a catalogued code ` +
          `either, only the code of the error format's example body on the ${pagesOf(example.example)}.`,
      );
    }
    const elsewhere = [...new Set(catalogEntries().flatMap((entry) => (entry.code === code ? [entry.service] : [])))];
    if (elsewhere.length > 0) {
      lines.push(`${code} is a code of ${elsewhere.join(', ')}: run "bce-errors explain ${code}" without --service.`);
    }
  }
  lines.push(`${catalogsLine()} Run "bce-errors list" to see every code.`);
  return `${lines.join('\n')}\n`;
}

function explain(positionals: readonly string[], service: ServiceName | undefined, asJson: boolean, io: CliIo): number {
  const [code, ...extra] = positionals;
  if (code === undefined || extra.length > 0) throw new UsageError('explain wants exactly one error code');
  const entries =
    service === undefined
      ? catalogEntries().filter((entry) => entry.code === code)
      : [lookupError(code, { service })].filter((entry) => entry !== undefined);
  if (entries.length === 0) {
    io.stderr(unknownCode(code, service));
    return CLI_EXIT.unknownCode;
  }
  io.stdout(asJson ? json(entries) : `${entries.map(describe).join('\n\n')}\n`);
  return CLI_EXIT.ok;
}

function list(
  positionals: readonly string[],
  filters: { status: number | undefined; service: ServiceName | undefined },
  asJson: boolean,
  io: CliIo,
): number {
  if (positionals.length > 0) throw new UsageError(`list takes no arguments, got "${positionals.join(' ')}"`);
  const entries = listErrors(filters);
  if (asJson) io.stdout(json(entries));
  else if (entries.length === 0) io.stdout('No error code matches.\n');
  else io.stdout(`${table(entries)}\n${String(entries.length)} error code${entries.length === 1 ? '' : 's'}\n`);
  return CLI_EXIT.ok;
}

const OPTIONS = {
  service: { type: 'string' },
  status: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

/** The options after {@link parseCommandLine}'s checks. */
interface CommandLineValues {
  readonly service?: string;
  readonly status?: string;
  readonly json: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

/**
 * parseArgs in its lenient mode, then our own checks on its tokens: its strict mode's messages name Node's
 * internals ("To specify a positional argument starting with a '-', place it at the end of the command after
 * '--'...") and are worded for programmers, not for someone who mistyped a flag.
 */
function parseCommandLine(argv: readonly string[]): { values: CommandLineValues; positionals: string[] } {
  const parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: false, tokens: true, options: OPTIONS });
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    const known = Object.entries(OPTIONS).find(([name]) => name === token.name)?.[1];
    if (known === undefined) throw new UsageError(`unknown option '${token.rawName}'`);
    if (known.type === 'boolean' && token.value !== undefined) {
      throw new UsageError(`option '${token.rawName}' takes no value (got "${token.value}")`);
    }
    // Lenient parsing takes the next argument as the value even when it is another option (`--service --json`).
    if (known.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      throw new UsageError(`option '${token.rawName}' needs a value`);
    }
  }
  // Every option token has passed the checks above, so each value has its option's type.
  return { values: parsed.values as CommandLineValues, positionals: parsed.positionals };
}

/**
 * The version of @bce-errors/core. Through the package's own name (its "exports" has `./package.json`), so the one
 * call works from the sources (tests, tsx) and from dist/cli.js in an installed package, whatever the depth.
 */
function coreVersion(): string {
  const manifest = createRequire(import.meta.url)('@bce-errors/core/package.json') as { version: string };
  return manifest.version;
}

/**
 * Runs `bce-errors` with the given arguments (without `node` and the script) and returns the exit code.
 * @example process.exitCode = runCli(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: ... });
 */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    const { values, positionals } = parseCommandLine(argv);
    const [command, ...rest] = positionals;
    if (values.help || command === 'help') {
      io.stdout(USAGE);
      return CLI_EXIT.ok;
    }
    if (values.version) {
      io.stdout(`${coreVersion()}\n`);
      return CLI_EXIT.ok;
    }
    const service = parseService(values.service);
    const status = parseStatus(values.status);
    const asJson = values.json;
    switch (command) {
      case 'explain':
        if (status !== undefined) throw new UsageError('--status goes with list, not explain');
        return explain(rest, service, asJson, io);
      case 'list':
        return list(rest, { status, service }, asJson, io);
      case undefined:
        io.stderr(`bce-errors: no command given.\n\n${USAGE}`);
        return CLI_EXIT.usage;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`bce-errors: ${error.message}. ${HELP_HINT}\n`);
    return CLI_EXIT.usage;
  }
}
