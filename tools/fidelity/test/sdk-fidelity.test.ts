import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  fidelityExpectation,
  formatServiceMessage,
  loadConformanceScenarios,
  loadOracleScenarios,
  scenarioResponse,
  type ConformanceScenario,
  type ExpectedText,
  type FidelityExpectation,
} from '@bce-errors/conformance';
import { isBceClientError, isBceServiceError, SDK_STYLES, type SdkStyle } from '@bce-errors/core';
import { startMockServer, type MockServer } from '@bce-errors/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_NAMES, send, type ClientName } from '../src/clients.js';
import { fidelityCase, goReading, MEASURED_REQUEST_BODY } from '../src/fidelity-case.js';

// The old vectors' transport faults (a refused port, a server that never answers) have no response to compare
// field by field; the shared adapter suite checks them against the same SDK results.
const scenarios: ConformanceScenario[] = [
  ...loadOracleScenarios(),
  ...loadConformanceScenarios().filter((scenario) => scenario.status > 0),
];
const QUICK_RETRY = { delayMs: () => 1 };
const COMPATIBILITY_DOC = new URL('../../../docs/compatibility.md', import.meta.url);
const CONCURRENCY = 12;

/** What a client gave for one pair, reduced to the fields the contract compares. */
interface Observed {
  kind: 'success' | 'service' | 'client' | 'raw';
  code?: string;
  errorMessage?: string;
  requestId?: string;
  statusCode?: number;
  errorType?: string;
  message?: string;
  transportCode?: string;
  attempts: number;
}

interface PairResult {
  scenario: string;
  style: SdkStyle;
  client: ClientName;
  expected: FidelityExpectation;
  observed: Observed;
  problems: string[];
}

let server: MockServer;
const results: PairResult[] = [];

function textMatches(expected: ExpectedText, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  if ('exactly' in expected) return actual === expected.exactly;
  const reference = 'digest' in expected ? expected.digest : expected.prefixOf;
  if (typeof reference === 'string') {
    return 'digest' in expected
      ? actual === reference
      : reference.startsWith(actual) && actual.length <= expected.maxLength;
  }
  if ('digest' in expected) {
    return actual.length === reference.length && createHash('sha256').update(actual).digest('hex') === reference.sha256;
  }
  return actual.startsWith(reference.head.slice(0, actual.length)) && actual.length < reference.length;
}

function describeText(expected: ExpectedText): string {
  if ('exactly' in expected) return JSON.stringify(expected.exactly.slice(0, 200));
  return JSON.stringify(expected).slice(0, 200);
}

function observe(outcome: unknown, attempts: number): Observed {
  if (isBceServiceError(outcome)) {
    return {
      kind: 'service',
      code: outcome.code,
      errorMessage: outcome.errorMessage,
      requestId: outcome.requestId,
      statusCode: outcome.statusCode,
      errorType: outcome.errorType,
      message: outcome.message,
      attempts,
    };
  }
  if (isBceClientError(outcome)) return { kind: 'client', transportCode: outcome.transportCode, attempts };
  if (outcome instanceof Error) return { kind: 'raw', message: `${outcome.name}: ${outcome.message}`, attempts };
  return { kind: 'success', attempts };
}

function compare(expected: FidelityExpectation, observed: Observed, client: ClientName, style: SdkStyle): string[] {
  if (expected.outcome === 'success') {
    if (observed.kind === 'success') return [];
    // X: a 2xx whose body breaks after its headers fails in axios and got, which read it before resolving.
    if (observed.kind === 'client' && observed.transportCode === 'BodyReadFailure' && client !== 'fetch') return [];
    return [
      `expected success, got ${observed.kind} ${observed.transportCode ?? observed.code ?? observed.message ?? ''}`,
    ];
  }
  if (observed.kind !== 'service') {
    return [`expected a service error, got ${observed.kind} ${observed.transportCode ?? observed.message ?? ''}`];
  }
  const problems: string[] = [];
  const same = (field: string, want: unknown, got: unknown): void => {
    if (want !== got) problems.push(`${field}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  same('code', expected.code, observed.code);
  same('requestId', expected.requestId, observed.requestId);
  same('statusCode', expected.statusCode, observed.statusCode);
  same('errorType', expected.errorType, observed.errorType);
  // X: fetch re-sends a 421 once by the Fetch standard, so the server sees two requests per attempt.
  same('attempts', expected.attempts * (client === 'fetch' && expected.statusCode === 421 ? 2 : 1), observed.attempts);
  if (!textMatches(expected.errorMessage, observed.errorMessage)) {
    problems.push(
      `errorMessage: expected ${describeText(expected.errorMessage)}, got ${JSON.stringify(observed.errorMessage?.slice(0, 200))}`,
    );
  }
  // Where the message is only known as a prefix, the formatted message must be the format (F) of what was given.
  const message = expected.message ?? {
    exactly: formatServiceMessage(style, {
      code: expected.code,
      errorMessage: observed.errorMessage ?? '',
      requestId: expected.requestId,
      statusCode: expected.statusCode,
    }),
  };
  if (!textMatches(message, observed.message)) {
    problems.push(`message: expected ${describeText(message)}, got ${JSON.stringify(observed.message?.slice(0, 200))}`);
  }
  return problems;
}

async function runPair(scenario: ConformanceScenario, style: SdkStyle, client: ClientName): Promise<void> {
  const path = `/fidelity/${client}/${style}/${scenario.id}`;
  const response = scenarioResponse(scenario);
  if (response === undefined) throw new Error(`${scenario.id}: no response to serve`);
  server.route(path, response);
  const hasBody = scenario.method === 'PUT' || scenario.method === 'POST';
  let outcome: unknown;
  try {
    outcome = await send(client, {
      url: `${server.url}${path}`,
      method: scenario.method,
      body: hasBody ? MEASURED_REQUEST_BODY : undefined,
      options: { style, retry: QUICK_RETRY },
    });
  } catch (error) {
    outcome = error;
  }
  const expected = fidelityExpectation(fidelityCase(scenario), style, goReading);
  const observed = observe(outcome, server.requests(path).length);
  results.push({
    scenario: scenario.id,
    style,
    client,
    expected,
    observed,
    problems: compare(expected, observed, client, style),
  });
}

async function runAll(): Promise<void> {
  const pairs = scenarios.flatMap((scenario) =>
    SDK_STYLES.flatMap((style) => CLIENT_NAMES.map((client) => [scenario, style, client] as const)),
  );
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pairs.length) {
      const pair = pairs[next];
      next += 1;
      if (pair !== undefined) await runPair(...pair);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** The count of pairs each row explains (a pair can be explained by several rows). */
function rowCounts(): Map<string, number> {
  const byRow = new Map<string, number>();
  for (const result of results) {
    if (result.problems.length > 0) continue;
    for (const row of result.expected.rows) byRow.set(row, (byRow.get(row) ?? 0) + 1);
  }
  return byRow;
}

/** Each minimal repro (s9001-s9026) with what it gave per style: matched, or the rows that explain it. */
function reproResults(): string[] {
  return scenarios
    .filter((scenario) => scenario.reproduces !== undefined)
    .map((scenario) => {
      const perStyle = SDK_STYLES.map((style) => {
        const pairs = results.filter((result) => result.scenario === scenario.id && result.style === style);
        const failing = pairs.some((result) => result.problems.length > 0);
        const rows = pairs[0]?.expected.rows ?? [];
        return `${style} ${failing ? 'FAILING' : rows.length === 0 ? 'matched' : rows.join('+')}`;
      });
      return `  ${scenario.id} (${scenario.reproduces ?? ''}): ${perStyle.join(', ')}`;
    });
}

function summary(): string {
  const byRow = new Map<string, number>();
  let matched = 0;
  let failing = 0;
  for (const result of results) {
    if (result.problems.length > 0) failing += 1;
    else if (result.expected.rows.length === 0) matched += 1;
    else for (const row of result.expected.rows) byRow.set(row, (byRow.get(row) ?? 0) + 1);
  }
  const rows = [...byRow].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  return [
    `sdk-fidelity: ${String(results.length)} pairs (${String(scenarios.length)} cases x 3 styles x 3 clients)`,
    `  matched the SDK as it is: ${String(matched)}`,
    ...rows.map(([row, count]) => `  explained by ${row}: ${String(count)}`),
    `  failing: ${String(failing)}`,
    'minimal repros:',
    ...reproResults(),
  ].join('\n');
}

beforeAll(async () => {
  server = await startMockServer();
});

afterAll(async () => {
  await server.close();
});

describe('every measured response, in every style, through axios, got and fetch, is what its SDK did (or a D row)', () => {
  it('runs every pair', async () => {
    await runAll();
    console.log(summary());
    expect(results).toHaveLength(scenarios.length * SDK_STYLES.length * CLIENT_NAMES.length);
  });

  it('no pair fails', () => {
    const failures = results
      .filter((result) => result.problems.length > 0)
      .map((result) => `${result.scenario} ${result.style} ${result.client}: ${result.problems.join('; ')}`);
    if (process.env.FIDELITY_REPORT !== undefined) writeFileSync(process.env.FIDELITY_REPORT, failures.join('\n'));
    expect(failures.slice(0, 60)).toEqual([]);
  });

  it('docs/compatibility.md gives each row the count of pairs it explains', () => {
    const documented = new Map<string, number>();
    for (const line of readFileSync(COMPATIBILITY_DOC, 'utf8').split('\n')) {
      const match = /^\| (D\d+|P1) \|.*\| (\d+) \|$/u.exec(line);
      if (match?.[1] !== undefined && match[2] !== undefined) documented.set(match[1], Number(match[2]));
    }
    const counted = Object.fromEntries(
      [...rowCounts()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })),
    );
    expect(Object.fromEntries([...documented].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })))).toEqual(
      counted,
    );
  });

  it('the three clients agree on every pair (X)', () => {
    const differences: string[] = [];
    for (const scenario of scenarios) {
      for (const style of SDK_STYLES) {
        const seen = results.filter((result) => result.scenario === scenario.id && result.style === style);
        const shapes = seen.map((result) => {
          const { kind, code, errorMessage, requestId, statusCode, message, attempts } = result.observed;
          // X: fetch resolves a 2xx whose body breaks; axios and got fail it while reading (and retry it as the
          // transport failure it is), so only the outcome is compared.
          if (kind === 'success' || (kind === 'client' && result.observed.transportCode === 'BodyReadFailure')) {
            return JSON.stringify(['success']);
          }
          // X: fetch re-sends a 421 once by the Fetch standard.
          const sent = result.client === 'fetch' && statusCode === 421 ? attempts / 2 : attempts;
          return JSON.stringify([kind, code, errorMessage, requestId, statusCode, message, sent]);
        });
        if (new Set(shapes).size > 1)
          differences.push(`${scenario.id} ${style}: ${seen.map((r) => r.client).join('/')} differ`);
      }
    }
    expect(differences.slice(0, 40)).toEqual([]);
  });
});
