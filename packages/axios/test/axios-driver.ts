import { Readable } from 'node:stream';
import type { AdapterDriver } from '@bce-errors/adapter-suite';
import type { AxiosInstance } from 'axios';
import { installBceErrors } from '../src/index.js';

/** The axios module of some version: only `create` is used. */
interface AxiosModule {
  create(config: { timeout: number; responseType: 'text' }): unknown;
}

/** Drives one axios version through the shared adapter suite. */
export function createAxiosDriver(axiosModule: AxiosModule, label: string): AdapterDriver {
  return {
    name: 'axios',
    label,
    supportsTls: true,
    async send(request) {
      // Every supported axios version has the instance shape the adapter uses; the types are those of the newest.
      const client = axiosModule.create({ timeout: request.timeoutMs ?? 0, responseType: 'text' }) as AxiosInstance;
      installBceErrors(client, request.options);
      const data =
        request.body === undefined
          ? undefined
          : request.body.kind === 'text'
            ? request.body.text
            : Readable.from([Buffer.from(request.body.text)]);
      const response = await client.request<string>({
        url: request.url,
        method: request.method,
        headers: request.headers ?? {},
        ...(request.signal === undefined ? {} : { signal: request.signal }),
        ...(data === undefined ? {} : { data }),
      });
      return { status: response.status, bodyText: response.data };
    },
  };
}
