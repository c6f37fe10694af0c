import { isBceClientError, isBceServiceError, SDK_STYLES, type SdkStyle } from '@bce-errors/core';
import { expect } from 'vitest';
import { loadConformanceScenarios, type ConformanceScenario } from './conformance-scenarios.js';
import { loadDeviations, type Deviation } from './deviations.js';
import type { SdkOutcome } from './sdk-outcome.js';

// The expected result of every (scenario, style) pair: the real SDK's measured result from sdk-vectors.json,
// with the contract's deliberate deviations (deviations.json, documented in docs/compatibility.md) applied on top.

export interface ExpectedOutcome {
  scenario: ConformanceScenario;
  style: SdkStyle;
  kind: 'service' | 'client' | 'success';
  code?: string;
  /** The server message or its fallback (`errorMessage`). */
  errorMessage?: string;
  errorMessageStartsWith?: string;
  requestId?: string;
  statusCode?: number;
  errorType?: 'Client' | 'Service';
  /** The formatted `message`, exactly. */
  formatted?: string;
  /** The formatted `message` must start with this (client errors: the cause text differs between languages). */
  formattedPrefix?: string;
  transportCode?: 'ConnectionRefused' | 'Timeout';
  bodyTruncated?: boolean;
  attempts: number;
  /** The measured gaps of the real SDK (each the policy delay plus the attempt's own duration); `undefined` when
   * the server saw no attempt (connection refused) and nothing could be measured. */
  gapsMs: readonly number[] | undefined;
  /** How long one attempt lasts before it fails (the 2 s client timeout of the no-response scenario). */
  attemptDurationMs: number;
  deviations: Deviation[];
}

/** The client timeout the SDKs used in the vectors' no-response scenario. */
export const VECTOR_CLIENT_TIMEOUT_MS = 2000;

// The contract's format F, written out here independently of the library's own formatter.
function formatService(style: SdkStyle, code: string, message: string, requestId: string, status: number): string {
  if (style === 'go') return `[Code: ${code}; Message: ${message}; RequestId: ${requestId}]`;
  if (style === 'java') return `${message} (Status Code: ${status}; Error Code: ${code}; Request ID: ${requestId})`;
  return message;
}

function sdkKind(style: SdkStyle, result: SdkOutcome): 'service' | 'client' | undefined {
  if (result.outcome === 'success') return undefined;
  const type = style === 'python' ? (result.lastErrorType ?? '') : (result.type ?? '');
  if (/BceServiceError$|BceServiceException$|BceServerError$/.test(type)) return 'service';
  if (/BceClientError$|BceClientException$|ConnectionRefusedError$|TimeoutError$/.test(type)) return 'client';
  return undefined;
}

export function expectedOutcome(
  scenario: ConformanceScenario,
  style: SdkStyle,
  deviations: Deviation[],
): ExpectedOutcome {
  const result = scenario.sdk[style];
  const mine = deviations.filter((deviation) => deviation.scenario === scenario.id && deviation.style === style);
  const override = Object.assign({}, ...mine.map((deviation) => deviation.expect)) as Deviation['expect'];
  const attempts = override.attempts ?? result.clientAttempts;
  const gapsMs = override.gapsMs ?? (result.attempts === 0 ? undefined : result.gapsMs);
  const attemptDurationMs = scenario.fault?.type === 'no-response' ? VECTOR_CLIENT_TIMEOUT_MS : 0;
  if (result.outcome === 'success') {
    return { scenario, style, kind: 'success', attempts, gapsMs, attemptDurationMs, deviations: mine };
  }
  const kind = override.kind ?? sdkKind(style, result);
  if (kind === undefined) {
    throw new Error(
      `${scenario.id}/${style}: the SDK's result (${String(result.lastErrorType ?? result.type)}) needs a deviation entry`,
    );
  }
  if (kind === 'client') {
    const retries = attempts - 1;
    const formatted =
      style === 'java'
        ? typeof result.getMessage === 'string'
          ? result.getMessage
          : 'Unable to execute HTTP request'
        : undefined;
    let formattedPrefix: string | undefined;
    if (style === 'go' && typeof result.errorString === 'string') {
      formattedPrefix = /^.*?error: /.exec(result.errorString)?.[0];
    } else if (style === 'python') {
      formattedPrefix = result.strFirstLine ?? undefined;
    }
    if (formattedPrefix !== undefined && !formattedPrefix.includes(`Retried ${retries} times`)) {
      throw new Error(`${scenario.id}/${style}: the SDK's message does not say Retried ${retries} times`);
    }
    return {
      scenario,
      style,
      kind,
      formatted,
      formattedPrefix,
      transportCode: scenario.fault?.type === 'refuse' ? 'ConnectionRefused' : 'Timeout',
      attempts,
      gapsMs,
      attemptDurationMs,
      deviations: mine,
    };
  }
  const code = override.code ?? result.code;
  const requestId = override.requestId ?? result.requestId;
  const statusCode = override.statusCode ?? result.statusCode;
  const sdkMessage = typeof result.message === 'string' ? result.message : undefined;
  const errorMessage = override.message ?? (override.messageStartsWith === undefined ? sdkMessage : undefined);
  if (typeof code !== 'string' || typeof requestId !== 'string' || statusCode == null) {
    throw new Error(`${scenario.id}/${style}: the SDK gave a null or non-string field; it needs a deviation entry`);
  }
  const fieldsOverridden = ['code', 'message', 'requestId', 'statusCode', 'messageStartsWith'].some(
    (key) => key in override,
  );
  const sdkFormatted = style === 'go' ? result.errorString : style === 'java' ? result.getMessage : sdkMessage;
  let formatted: string | undefined;
  if (!fieldsOverridden && typeof sdkFormatted === 'string') formatted = sdkFormatted;
  else if (errorMessage !== undefined) formatted = formatService(style, code, errorMessage, requestId, statusCode);
  return {
    scenario,
    style,
    kind,
    code,
    errorMessage,
    errorMessageStartsWith: override.messageStartsWith,
    requestId,
    statusCode,
    errorType: result.errorType ?? (statusCode >= 500 ? 'Service' : 'Client'),
    formatted,
    bodyTruncated: override.bodyTruncated ?? false,
    attempts,
    gapsMs,
    attemptDurationMs,
    deviations: mine,
  };
}

/** Every (scenario, style) pair with its expected outcome. */
export function expectedOutcomes(): ExpectedOutcome[] {
  const deviations = loadDeviations();
  return loadConformanceScenarios().flatMap((scenario) =>
    SDK_STYLES.map((style) => expectedOutcome(scenario, style, deviations)),
  );
}

/** Gaps are the SDK's measured delays; the policy's delay plus the attempt's own duration must fall within this. */
export const GAP_TOLERANCE_MS = { below: 10, above: 300 } as const;

/** The contract's retry delays (section R), written out independently of the library's policy. */
export const CONTRACT_BASE_DELAY_MS: Readonly<Record<SdkStyle, number>> = { go: 300, java: 600, python: 300 };

/** Checks an error (or a success, `undefined`) against the expected outcome of its (scenario, style) pair. */
export function checkOutcome(error: unknown, outcome: ExpectedOutcome): void {
  if (outcome.kind === 'success') {
    expect(error).toBeUndefined();
    return;
  }
  if (outcome.kind === 'client') {
    expect(isBceClientError(error), `${outcome.scenario.id}/${outcome.style}: a BceClientError`).toBe(true);
    if (!isBceClientError(error)) return;
    expect(error.transportCode).toBe(outcome.transportCode);
    expect(error.retries).toBe(outcome.attempts - 1);
    expect(error.style).toBe(outcome.style);
    if (outcome.formatted !== undefined) expect(error.message).toBe(outcome.formatted);
    if (outcome.formattedPrefix !== undefined) expect(error.message.startsWith(outcome.formattedPrefix)).toBe(true);
    return;
  }
  expect(isBceServiceError(error), `${outcome.scenario.id}/${outcome.style}: a BceServiceError`).toBe(true);
  if (!isBceServiceError(error)) return;
  expect(error.code).toBe(outcome.code);
  expect(error.requestId).toBe(outcome.requestId);
  expect(error.statusCode).toBe(outcome.statusCode);
  expect(error.errorType).toBe(outcome.errorType);
  expect(error.retries).toBe(outcome.attempts - 1);
  expect(error.style).toBe(outcome.style);
  expect(error.bodyTruncated).toBe(outcome.bodyTruncated);
  if (outcome.errorMessage !== undefined) expect(error.errorMessage).toBe(outcome.errorMessage);
  if (outcome.errorMessageStartsWith !== undefined) {
    expect(error.errorMessage.startsWith(outcome.errorMessageStartsWith)).toBe(true);
    expect(error.errorMessage.length).toBeLessThan(64 * 1024);
  }
  if (outcome.formatted !== undefined) expect(error.message).toBe(outcome.formatted);
  else expect(error.message).toContain(error.errorMessage);
}
