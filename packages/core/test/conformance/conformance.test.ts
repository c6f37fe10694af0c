import { readFileSync } from 'node:fs';
import {
  checkOutcome,
  expectedOutcomes,
  GAP_TOLERANCE_MS,
  loadDeviations,
  type ExpectedOutcome,
} from '@bce-errors/conformance';
import { describe, expect, it } from 'vitest';
import { BceClientError, type BceError, parseServiceError, retryPolicy } from '../../src/index.js';
import { httpStatusText } from '../../src/adapter.js';

const outcomes = expectedOutcomes();
let checkedPairs = 0;

function errorFor(outcome: ExpectedOutcome, retries: number): BceError | undefined {
  const { scenario, style } = outcome;
  if (scenario.fault?.type === 'refuse') {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    return new BceClientError({ style, transportCode: 'ConnectionRefused', cause, retries });
  }
  if (scenario.fault?.type === 'no-response') {
    return new BceClientError({
      style,
      transportCode: 'Timeout',
      cause: new Error('timeout of 2000ms exceeded'),
      retries,
    });
  }
  return parseServiceError(
    {
      status: scenario.status,
      statusText: httpStatusText(scenario.status),
      headers: scenario.headers,
      body: scenario.body,
    },
    { style: style, retries },
  );
}

/** Runs the style's pure policy the way an adapter does: the delays it would wait and the final error. */
function simulate(outcome: ExpectedOutcome): { error: BceError | undefined; delays: number[] } {
  const policy = retryPolicy(outcome.style);
  const delays: number[] = [];
  let error = errorFor(outcome, 0);
  while (error !== undefined && policy.shouldRetry(error, delays.length)) {
    delays.push(policy.delayMs(delays.length));
    error = errorFor(outcome, delays.length);
  }
  return { error, delays };
}

describe('conformance: parseServiceError and retryPolicy against the real SDKs (sdk-vectors.json)', () => {
  it.each(outcomes.map((outcome) => [`${outcome.scenario.id} ${outcome.style}`, outcome] as const))(
    '%s',
    (_label, outcome) => {
      const { error, delays } = simulate(outcome);
      expect(delays.length + 1).toBe(outcome.attempts);
      const gaps = outcome.gapsMs ?? delays.map((delay) => delay + outcome.attemptDurationMs);
      expect(delays).toHaveLength(gaps.length);
      delays.forEach((delay, index) => {
        const measured = (gaps[index] ?? Number.NaN) - outcome.attemptDurationMs;
        expect(measured).toBeGreaterThanOrEqual(delay - GAP_TOLERANCE_MS.below);
        expect(measured).toBeLessThanOrEqual(delay + GAP_TOLERANCE_MS.above);
      });
      checkOutcome(error, outcome);
      checkedPairs += 1;
    },
  );

  it('checked every scenario in every style (runs last: tests in a file run in order)', () => {
    expect(outcomes).toHaveLength(25 * 3);
    expect(checkedPairs).toBe(outcomes.length);
    console.log(`conformance: ${String(checkedPairs)} (scenario, style) pairs checked against sdk-vectors.json`);
  });

  it('documents every deviation in docs/compatibility.md', () => {
    const document = readFileSync(new URL('../../../../docs/compatibility.md', import.meta.url), 'utf8');
    for (const deviation of loadDeviations()) {
      expect(document, `${deviation.scenario} ${deviation.style}`).toContain(deviation.scenario);
    }
  });
});
