/** A code that a reference page shows only in its example of the error format. */
export interface FormatExampleCode {
  /** The code, as the example body spells it. */
  readonly code: string;
  /** The example body's `message`. */
  readonly message: string;
  /** The pages whose "Error code format" example uses it (ids of tools/catalog/pages.json). */
  readonly pages: readonly string[];
  /** What to look at instead. */
  readonly hint: string;
}

/**
 * The codes of the example response bodies in the "Error code format" sections of the reference pages
 * (tools/catalog/sources), which no error table of those pages lists, so the catalog does not have them.
 * `NoSuchKey` is also what the global `InvalidURI` entry names as the kind of specific code a service should
 * define. test/catalog/cli.test.ts reads the pages and fails when this list and their examples differ.
 */
export const FORMAT_EXAMPLE_CODES: readonly FormatExampleCode[] = [
  {
    code: 'NoSuchKey',
    message: 'The resource you requested does not exist',
    pages: ['cfs-api-error-code', 'eip-api-error-code'],
    hint: 'Each service answers a missing resource with a code of its own: run "bce-errors list --status 404".',
  },
  {
    code: 'IllegalRequestUrl',
    message: 'The requested url belongs to domain which is not under acceleration',
    pages: ['iam-api-error-code'],
    hint: 'Its message is about a CDN acceleration domain; the catalog has no CDN page.',
  },
];

/** Levenshtein distance, case-insensitive; only for the two example codes, so no need for anything faster. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/** The example code that `code` is (in any case), or is a near typo of (`near: true`). */
export function findFormatExampleCode(code: string): { example: FormatExampleCode; near: boolean } | undefined {
  const exact = FORMAT_EXAMPLE_CODES.find((example) => example.code.toLowerCase() === code.toLowerCase());
  if (exact !== undefined) return { example: exact, near: false };
  const near = FORMAT_EXAMPLE_CODES.find((example) => distance(example.code, code) <= 2);
  return near === undefined ? undefined : { example: near, near: true };
}
