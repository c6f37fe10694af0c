import type { SdkStyle } from './sdk-style.js';
import type { TransportCode } from './transport-code.js';

/** The schema tag of {@link BceErrorJson}; a new tag is a breaking change. */
export const ERROR_JSON_SCHEMA = 'bce-errors/error@1';

/** The cause of a client error as it is serialised: the parts that help diagnosis, redacted. */
export interface BceErrorCauseJson {
  name: string;
  message: string;
  code?: string;
}

/**
 * The stable JSON shape of every error (`JSON.stringify(error)`), readable back with `fromJSON`. All strings are
 * already redacted.
 */
export interface BceErrorJson {
  schema: typeof ERROR_JSON_SCHEMA;
  kind: 'service' | 'client';
  name: string;
  message: string;
  style: SdkStyle;
  retries: number;
  /** Service errors only. */
  code?: string;
  errorMessage?: string;
  requestId?: string;
  statusCode?: number;
  errorType?: 'Client' | 'Service';
  debugId?: string;
  bodyTruncated?: boolean;
  bodySnippet?: string;
  retryAfterMs?: number;
  method?: string;
  /** Client errors only. */
  transportCode?: TransportCode;
  sentRequestId?: string;
  attemptTexts?: string[];
  cause?: BceErrorCauseJson;
}

/** Drops `undefined` members so the JSON has no `"key": undefined` noise and round-trips exactly. */
export function compactJson<T extends object>(value: T): T {
  const result: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (member !== undefined) result[key] = member;
  return result as T;
}

/** Serialises a cause chain's head: name, message and system code. */
export function causeToJson(cause: unknown): BceErrorCauseJson | undefined {
  if (!(cause instanceof Error)) return undefined;
  const code = (cause as { code?: unknown }).code;
  return compactJson({ name: cause.name, message: cause.message, code: typeof code === 'string' ? code : undefined });
}
