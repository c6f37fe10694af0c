import type { TransportCode } from '../parse/transport-code.js';
import type { SdkStyle } from '../sdk-style.js';

/** The parsed fields a service error message is made of. */
interface ServiceMessageFields {
  code: string;
  errorMessage: string;
  requestId: string;
  statusCode: number;
}

/** The formatted `message` of a service error, as each SDK prints it (contract, section F). */
export function formatServiceMessage(style: SdkStyle, fields: ServiceMessageFields): string {
  switch (style) {
    case 'go':
      return `[Code: ${fields.code}; Message: ${fields.errorMessage}; RequestId: ${fields.requestId}]`;
    case 'java':
      return `${fields.errorMessage} (Status Code: ${String(fields.statusCode)}; Error Code: ${fields.code}; Request ID: ${fields.requestId})`;
    case 'python':
      return fields.errorMessage;
  }
}

/** The formatted `message` of a client error, as each SDK prints it (contract, section F). */
export function formatClientMessage(
  style: SdkStyle,
  retries: number,
  transportCode: TransportCode,
  attemptTexts: readonly string[],
): string {
  switch (style) {
    case 'go':
      return `execute http request failed! Retried ${String(retries)} times, error: ${attemptTexts.at(-1) ?? ''}`;
    case 'java':
      return 'Unable to execute HTTP request';
    case 'python':
      return [
        `Unable to execute HTTP request. Retried ${String(retries)} times. All trace backs:`,
        ...attemptTexts.map((text) => `>>>>${transportCode}: ${text}`),
      ].join('\n');
  }
}
