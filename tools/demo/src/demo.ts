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

interface Row {
  case: string;
  style: string;
  client: string;
  error: string;
  code: string;
  status: string;
  requestId: string;
  retries: string;
  message: string;
}

function describeOutcome(error: unknown): Omit<Row, 'case' | 'style' | 'client'> {
  const oneLine = (text: string) => {
    const flat = text.replaceAll('\n', ' | ');
    return flat.length > 78 ? `${flat.slice(0, 75)}...` : flat;
  };
  if (isBceServiceError(error)) {
    return {
      error: error.name,
      code: error.code === '' ? "''" : error.code,
      status: String(error.statusCode),
      requestId: error.requestId === '' ? "''" : error.requestId,
      retries: String(error.retries),
      message: oneLine(error.message),
    };
  }
  if (isBceClientError(error)) {
    return {
      error: error.name,
      code: error.transportCode,
      status: '-',
      requestId: error.sentRequestId === undefined ? '-' : `${error.sentRequestId.slice(0, 8)}... (sent)`,
      retries: String(error.retries),
      message: oneLine(error.message),
    };
  }
  return { error: 'NOT A BceError', code: '-', status: '-', requestId: '-', retries: '-', message: String(error) };
}

function printTable(rows: readonly Row[]): void {
  const columns: (keyof Row)[] = [
    'case',
    'style',
    'client',
    'error',
    'code',
    'status',
    'requestId',
    'retries',
    'message',
  ];
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) => cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  let previousCase = '';
  for (const row of rows) {
    if (row.case !== previousCase && previousCase !== '') console.log('');
    previousCase = row.case;
    console.log(line(columns.map((column) => row[column])));
  }
}

async function main(): Promise<void> {
  const server = await startMockServer();
  const refused = await unusedPortUrl();
  const started = performance.now();
  try {
    const jobs: Promise<Row>[] = [];
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
    console.log(
      `bce-errors demo: ${String(jobs.length)} failing requests (${String(DEMO_CASES.length)} cases x 3 styles x 3 clients) ` +
        `against the embedded mock BCE server at ${server.url}, retries with each style's real delays.\n`,
    );
    const rows = await Promise.all(jobs);
    printTable(rows);
    const escaped = rows.filter((row) => row.error === 'NOT A BceError');
    console.log(
      `\n${String(rows.length - escaped.length)} of ${String(rows.length)} requests ended in a BceError ` +
        `in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
    if (escaped.length > 0) process.exitCode = 1;
  } finally {
    await server.close();
  }
}

await main();
