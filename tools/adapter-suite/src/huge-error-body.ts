import type { ServerResponse } from 'node:http';

/** 100 MiB: far past any `maxErrorBodyBytes`, and more than a client that buffers it should ever hold. */
export const HUGE_ERROR_BODY_BYTES = 100 * 1024 * 1024;

const CHUNK = Buffer.alloc(1024 * 1024, 'a');

/**
 * Answers with a JSON error body of about {@link HUGE_ERROR_BODY_BYTES}, written with backpressure so that a client
 * that stops reading stops the server too, and counts what was written: `onWrite` gets the bytes of each chunk (a
 * bounded client leaves the count far below the body's length; one that buffers it, at the whole length).
 */
export function writeHugeErrorBody(
  response: ServerResponse,
  headers: { status: number; requestId: string },
  onWrite: (bytes: number) => void,
): void {
  response.writeHead(headers.status, { 'content-type': 'application/json', 'x-bce-request-id': headers.requestId });
  response.write('{"code":"InvalidArgument","message":"');
  let written = 0;
  const pump = (): void => {
    while (written < HUGE_ERROR_BODY_BYTES && !response.destroyed) {
      written += CHUNK.byteLength;
      onWrite(CHUNK.byteLength);
      if (!response.write(CHUNK)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end('"}');
  };
  pump();
}
