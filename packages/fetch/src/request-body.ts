import { describeRequestBody, readProperty, type RequestBodyFacts } from '@bce-errors/core/adapter';

const NO_BODY: RequestBodyFacts = Object.freeze({ present: false, replayable: true });
const ONE_SHOT: RequestBodyFacts = Object.freeze({ present: true, replayable: false });

/**
 * A `Request`'s body is a stream whatever it was made from, and no standard API says what that was. Node's fetch
 * (undici) keeps it as the body's `source`: the string, bytes, `Blob`, `FormData` or `URLSearchParams`, which it
 * reads again itself to follow a 307 or 308 redirect, or `null` for a stream or an async iterable. Where a runtime
 * keeps no such record a `Request`'s body counts as one-shot, as it did before: never cloned, never retried.
 */
function requestBodyFacts(request: Request): RequestBodyFacts {
  if (request.body === null) return NO_BODY;
  try {
    const stateKey = Object.getOwnPropertySymbols(request).find((key) => key.description === 'state');
    if (stateKey === undefined) return ONE_SHOT;
    const body = readProperty((request as unknown as Record<symbol, unknown>)[stateKey], 'body');
    const source = readProperty(body, 'source');
    if (source === null || source === undefined) return ONE_SHOT;
    return { present: readProperty(body, 'length') !== 0, replayable: true };
  } catch {
    return ONE_SHOT;
  }
}

/** What a retry needs to know about the body of a fetch call: the init's if it has one, else the `Request`'s. */
export function fetchBodyFacts(input: RequestInfo | URL, init: RequestInit | undefined): RequestBodyFacts {
  if (init?.body !== undefined && init.body !== null) return describeRequestBody(init.body);
  return input instanceof Request ? requestBodyFacts(input) : NO_BODY;
}
