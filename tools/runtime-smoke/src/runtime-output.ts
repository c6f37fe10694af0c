import type { SmokeResult } from './smoke-scenario.js';

/** What one runtime run gave: a result per key, the unhandled rejections it reported, and what it printed. */
export interface RuntimeOutput {
  results: Map<string, SmokeResult>;
  unhandled: string[];
  /** stdout and stderr, to read when a result is missing. */
  log: string;
}

/** Reads the JSON lines a command-line runtime printed: one per result, then `{"unhandled": [...]}`. */
export function parseResultLines(stdout: string): Omit<RuntimeOutput, 'log'> {
  const results = new Map<string, SmokeResult>();
  let unhandled: string[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const parsed = JSON.parse(line) as Partial<SmokeResult> & { unhandled?: string[] };
    if (typeof parsed.key === 'string') results.set(parsed.key, parsed as SmokeResult);
    else if (Array.isArray(parsed.unhandled)) unhandled = parsed.unhandled;
  }
  return { results, unhandled };
}
