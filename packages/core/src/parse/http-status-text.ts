// Reason phrases of RFC 9110 and friends, as Go's http.StatusText and Node's STATUS_CODES spell them,
// so the P4/P5 fallbacks do not depend on what a client or proxy put in the status line.
// Each row is a run of consecutive codes from its first one, `|` between phrases; an empty phrase is a code that
// has none (306, 419, 420, ...). Runs instead of one `code: phrase` entry per code keep the table small in a bundle.
const STATUS_RUNS: readonly (readonly [first: number, phrases: string])[] = [
  [100, 'Continue|Switching Protocols|Processing|Early Hints'],
  [
    200,
    'OK|Created|Accepted|Non-Authoritative Information|No Content|Reset Content|Partial Content|Multi-Status|' +
      'Already Reported',
  ],
  [226, 'IM Used'],
  [
    300,
    'Multiple Choices|Moved Permanently|Found|See Other|Not Modified|Use Proxy||Temporary Redirect|Permanent Redirect',
  ],
  [
    400,
    'Bad Request|Unauthorized|Payment Required|Forbidden|Not Found|Method Not Allowed|Not Acceptable|' +
      'Proxy Authentication Required|Request Timeout|Conflict|Gone|Length Required|Precondition Failed|' +
      "Payload Too Large|URI Too Long|Unsupported Media Type|Range Not Satisfiable|Expectation Failed|I'm a Teapot|" +
      '||Misdirected Request|Unprocessable Entity|Locked|Failed Dependency|Too Early|Upgrade Required|' +
      '|Precondition Required|Too Many Requests||Request Header Fields Too Large',
  ],
  [451, 'Unavailable For Legal Reasons'],
  [
    500,
    'Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Timeout|' +
      'HTTP Version Not Supported|Variant Also Negotiates|Insufficient Storage|Loop Detected|' +
      'Bandwidth Limit Exceeded|Not Extended|Network Authentication Required',
  ],
];

// Built on first use rather than at load time, so a bundle that never asks for a phrase drops the table.
let statusText: Record<number, string> | undefined;

function statusTextTable(): Record<number, string> {
  if (statusText === undefined) {
    const table: Record<number, string> = {};
    for (const [first, phrases] of STATUS_RUNS) {
      phrases.split('|').forEach((phrase, offset) => {
        if (phrase !== '') table[first + offset] = phrase;
      });
    }
    statusText = table;
  }
  return statusText;
}

/** The standard reason phrase of a status code, or `''` for a code without one. */
export function httpStatusText(status: number): string {
  return statusTextTable()[status] ?? '';
}
