import { parseArgs } from 'node:util';
import { CATALOG_SERVICES, type ServiceName } from '../catalog/catalog-codes.gen.js';
import type { CatalogEntry } from '../catalog/catalog-entry.js';
import { catalogEntries, listErrors, lookupError } from '../catalog/lookup.js';
import { suggestErrorCodes } from '../catalog/suggest-error-codes.js';
import { httpStatusText } from '../parse/http-status-text.js';

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
  bce-errors --help

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

function explain(positionals: readonly string[], service: ServiceName | undefined, asJson: boolean, io: CliIo): number {
  const [code, ...extra] = positionals;
  if (code === undefined || extra.length > 0) throw new UsageError('explain wants exactly one error code');
  const entries =
    service === undefined
      ? catalogEntries().filter((entry) => entry.code === code)
      : [lookupError(code, { service })].filter((entry) => entry !== undefined);
  if (entries.length === 0) {
    const suggestions = suggestErrorCodes(code, { service });
    const where = service === undefined ? '' : ` in ${service} (or the global bce codes)`;
    const hint =
      suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : ' Run "bce-errors list" to see every code.';
    io.stderr(`bce-errors: unknown error code "${code}"${where}.${hint}\n`);
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

/**
 * Runs `bce-errors` with the given arguments (without `node` and the script) and returns the exit code.
 * @example process.exitCode = runCli(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: ... });
 */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        service: { type: 'string' },
        status: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const [command, ...rest] = positionals;
    if (values.help || command === 'help') {
      io.stdout(USAGE);
      return CLI_EXIT.ok;
    }
    const service = parseService(values.service);
    const status = parseStatus(values.status);
    switch (command) {
      case 'explain':
        if (status !== undefined) throw new UsageError('--status goes with list, not explain');
        return explain(rest, service, values.json, io);
      case 'list':
        return list(rest, { status, service }, values.json, io);
      case undefined:
        throw new UsageError('no command given');
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    // parseArgs throws a TypeError with an ERR_PARSE_ARGS_* code for unknown or malformed options.
    if (!(error instanceof UsageError) && !(error instanceof TypeError && 'code' in error)) throw error;
    io.stderr(`bce-errors: ${error.message}\n\n${USAGE}`);
    return CLI_EXIT.usage;
  }
}
