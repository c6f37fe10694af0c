import { readFileSync } from 'node:fs';
import type { SdkStyle } from '@bce-errors/core';

/** The contract's deliberate deviations from the real SDKs (contract section D, documented in docs/compatibility.md). */
export const DEVIATIONS_URL = new URL('../data/deviations.json', import.meta.url);

/** One deliberate deviation: it overrides the SDK's measured result for one (scenario, style) pair. */
export interface Deviation {
  scenario: string;
  style: SdkStyle;
  rule: string;
  reason: string;
  expect: Partial<{
    kind: 'service' | 'client';
    code: string;
    message: string;
    messageStartsWith: string;
    requestId: string;
    statusCode: number;
    attempts: number;
    gapsMs: number[];
    bodyTruncated: boolean;
  }>;
}

/** Every entry of `data/deviations.json` ({@link DEVIATIONS_URL}), in file order. */
export function loadDeviations(): Deviation[] {
  return (JSON.parse(readFileSync(DEVIATIONS_URL, 'utf8')) as { deviations: Deviation[] }).deviations;
}
