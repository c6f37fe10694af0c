import { parseArgs } from 'node:util';
import { installBceErrors } from '@bce-errors/axios';
import { isBceClientError, isBceServiceError, SDK_STYLES, type AdapterOptions, type SdkStyle } from '@bce-errors/core';
import { createBceFetch } from '@bce-errors/fetch';
import { bceErrors } from '@bce-errors/got';
import { startMockServer, unusedPortUrl } from '@bce-errors/mock-server';
import axios from 'axios';
import got from 'got';
import { DEMO_CASES, type DemoCase } from './demo-cases.js';

type Client = 'axios' | 'got' | 'fetch';
const CLIENTS: readonly Client[] = ['axios', 'got', 'fetch'];

/** One request through one real client with its adapter installed; resolves with what it rejected with. */
async function failWith(client: Client, style: SdkStyle, url: string, timeoutMs: number | undefined): Promise<unknown> {
  const options: AdapterOptions = { style };
  try {
    if (client === 'axios') {
      const instance = axios.create({ timeout: timeoutMs ?? 0 });
      installBceErrors(instance, options);
      await instance.get(url);
    } else if (client === 'got') {
      await got.extend(bceErrors(options))(url, timeoutMs === undefined ? {} : { timeout: { request: timeoutMs } });
    } else {
      await createBceFetch({ ...options, timeoutMs: timeoutMs ?? 0 })(url);
    }
    return undefined;
  } catch (error) {
    return error;
  }
}

/** What one request ended with, as `--json` prints it. */
interface Outcome {
  case: string;
  style: SdkStyle;
  client: Client;
  /** `BceServiceError`, `BceClientError`, or `NOT A BceError` (the demo then exits with 1). */
  error: string;
  /** The BCE error code of a service error (may be `''`), the transport code of a client error. */
  code: string | null;
  statusCode: number | null;
  /** The request id the server gave (`''` when it gave none); `null` for a client error. */
  requestId: string | null;
  /** The `x-bce-request-id` the adapter sent (Go style), for a client error; `null` otherwise. */
  sentRequestId: string | null;
  retries: number | null;
  message: string;
}

function describeOutcome(error: unknown): Omit<Outcome, 'case' | 'style' | 'client'> {
  if (isBceServiceError(error)) {
    return {
      error: error.name,
      code: error.code,
      statusCode: error.statusCode,
      requestId: error.requestId,
      sentRequestId: null,
      retries: error.retries,
      message: error.message,
    };
  }
  if (isBceClientError(error)) {
    return {
      error: error.name,
      code: error.transportCode,
      statusCode: null,
      requestId: null,
      sentRequestId: error.sentRequestId ?? null,
      retries: error.retries,
      message: error.message,
    };
  }
  return {
    error: 'NOT A BceError',
    code: null,
    statusCode: null,
    requestId: null,
    sentRequestId: null,
    retries: null,
    message: String(error),
  };
}

/** The terminal the table is laid out for: every line of the table and legend fits. */
const WIDTH = 100;
const COLUMNS = ['style', 'client', 'error', 'code', 'status', 'request id', 'retries'] as const;
const INDENT = '  ';
const MESSAGE_INDENT = `${INDENT}  `;

const LEGEND = [
  'Legend',
  '  error       BceServiceError: the server answered with an error',
  '              BceClientError: no usable response (refused, reset, DNS, TLS, timeout, abort)',
  '  code        the BCE error code (service error) or the transport code (client error)',
  '  status      the HTTP status; - when there was no response',
  "  request id  demo-0001: the id the server gave (the body's requestId, else x-bce-request-id)",
  "              '': the server answered without a request id (the SDKs' empty string)",
  '              1e723042... (sent): no response; the start of the x-bce-request-id the adapter sent',
  '                 (Go style sends one with every request; the server never answered it)',
  '              -: no response, and no request id was sent (Java and Python styles send none)',
  '  retries     how many times the request was retried before this error (attempts - 1)',
  "  message     error.message as the style's SDK formats it, under the rows it belongs to",
];

function cells(outcome: Outcome): Record<(typeof COLUMNS)[number], string> {
  const shown = (text: string | null) => (text === null ? '-' : text === '' ? "''" : text);
  let requestId = shown(outcome.requestId);
  if (outcome.sentRequestId !== null) requestId = `${outcome.sentRequestId.slice(0, 8)}... (sent)`;
  return {
    style: outcome.style,
    client: outcome.client,
    error: outcome.error,
    code: shown(outcome.code),
    status: outcome.statusCode === null ? '-' : String(outcome.statusCode),
    'request id': requestId,
    retries: outcome.retries === null ? '-' : String(outcome.retries),
  };
}

/**
 * `text` in lines of at most `width` characters, broken between words (a word longer than a line, such as a
 * long URL, is the only thing ever split). The message's own line breaks are kept.
 */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(' ')) {
      while (word.length > width) {
        if (line !== '') lines.push(line);
        lines.push(word.slice(0, width));
        word = word.slice(width);
        line = '';
      }
      if (line === '') line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The message lines under a style's rows: once when the three clients agree, else once per client. */
function messageLines(group: readonly Outcome[]): string[] {
  const first = group[0];
  if (first === undefined) return [];
  const same = group.every((outcome) => outcome.message === first.message);
  const entries = same
    ? [{ label: `${first.style} message (${group.map((outcome) => outcome.client).join(', ')}):`, text: first.message }]
    : group.map((outcome) => ({ label: `${outcome.style} message (${outcome.client}):`, text: outcome.message }));
  return entries.flatMap(({ label, text }) => [
    `${MESSAGE_INDENT}${label}`,
    ...wrap(text, WIDTH - MESSAGE_INDENT.length - 2).map((line) => `${MESSAGE_INDENT}  ${line}`),
  ]);
}

function printTable(outcomes: readonly Outcome[]): void {
  const rows = outcomes.map(cells);
  const widths = COLUMNS.map((column) => Math.max(column.length, ...rows.map((row) => row[column].length)));
  const line = (values: readonly string[]) =>
    `${INDENT}${values.map((value, index) => value.padEnd(widths[index] ?? 0)).join('  ')}`.trimEnd();
  console.log(LEGEND.join('\n'));
  for (const demoCase of DEMO_CASES) {
    const ofCase = outcomes.filter((outcome) => outcome.case === demoCase.name);
    console.log(`\n${demoCase.name}`);
    console.log(line(COLUMNS));
    console.log(line(widths.map((width) => '-'.repeat(width))));
    for (const style of SDK_STYLES) {
      const group = ofCase.filter((outcome) => outcome.style === style);
      for (const outcome of group) console.log(line(COLUMNS.map((column) => cells(outcome)[column])));
      for (const text of messageLines(group)) console.log(text);
    }
  }
}

const USAGE = 'usage: pnpm demo [-- --json]   (--json: the results as JSON on stdout, nothing else there)';

/** `--json`, `--help`; anything else prints the usage and exits with 2. */
function isJsonMode(): boolean {
  try {
    // `pnpm demo -- --json` passes the `--` on; `--` alone is not an argument of the demo.
    const { values } = parseArgs({
      args: process.argv.slice(2).filter((arg) => arg !== '--'),
      options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    return values.json;
  } catch (error) {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const json = isJsonMode();
  const server = await startMockServer();
  const refused = await unusedPortUrl();
  const started = performance.now();
  try {
    const jobs: Promise<Outcome>[] = [];
    DEMO_CASES.forEach((demoCase: DemoCase, caseIndex) => {
      for (const style of SDK_STYLES) {
        for (const client of CLIENTS) {
          const path = `/demo/${String(caseIndex)}/${style}/${client}`;
          if (demoCase.response !== undefined) server.route(path, demoCase.response);
          const url = `${demoCase.response === undefined ? refused : server.url}${path}`;
          jobs.push(
            failWith(client, style, url, demoCase.timeoutMs).then((error) => ({
              case: demoCase.name,
              style,
              client,
              ...describeOutcome(error),
            })),
          );
        }
      }
    });
    if (!json) {
      console.log(
        wrap(
          `bce-errors demo: ${String(jobs.length)} failing requests (${String(DEMO_CASES.length)} cases x 3 styles ` +
            `x 3 clients) against the embedded mock BCE server at ${server.url}, with each style's real retry ` +
            'delays. Run with --json for the results as JSON.',
          WIDTH,
        ).join('\n') + '\n',
      );
    }
    const outcomes = await Promise.all(jobs);
    const escaped = outcomes.filter((outcome) => outcome.error === 'NOT A BceError');
    const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
    if (json) {
      console.log(
        JSON.stringify(
          { requests: outcomes.length, bceErrors: outcomes.length - escaped.length, seconds, outcomes },
          null,
          2,
        ),
      );
    } else {
      printTable(outcomes);
      console.log(
        `\n${String(outcomes.length - escaped.length)} of ${String(outcomes.length)} requests ended in a BceError ` +
          `in ${seconds.toFixed(1)} s.`,
      );
    }
    if (escaped.length > 0) process.exitCode = 1;
  } finally {
    await server.close();
  }
}

await main();
