import { Readable } from 'node:stream';
import type { AdapterDriver } from '@bce-errors/adapter-suite';
import type { Got } from 'got';
import { bceErrors } from '../src/index.js';

/** Drives one got version through the shared adapter suite. */
export function createGotDriver(gotModule: { extend: Got['extend'] }, label: string): AdapterDriver {
  return {
    name: 'got',
    label,
    supportsTls: true,
    async send(request) {
      const client = gotModule.extend(bceErrors(request.options));
      const body =
        request.body === undefined
          ? undefined
          : request.body.kind === 'text'
            ? request.body.text
            : Readable.from([Buffer.from(request.body.text)]);
      const response = await client(request.url, {
        method: request.method as 'GET',
        headers: request.headers ?? {},
        ...(request.timeoutMs === undefined ? {} : { timeout: { request: request.timeoutMs } }),
        ...(request.signal === undefined ? {} : { signal: request.signal }),
        ...(body === undefined ? {} : { body }),
      });
      return { status: response.statusCode, bodyText: response.body };
    },
  };
}
