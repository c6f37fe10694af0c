import { Readable } from 'node:stream';
import { describeAdapterSuite, type AdapterDriver } from '@bce-errors/adapter-suite';
import axios from 'axios';
import { installBceErrors } from '../src/index.js';

const axiosDriver: AdapterDriver = {
  name: 'axios',
  supportsTls: true,
  async send(request) {
    const client = axios.create({ timeout: request.timeoutMs ?? 0, responseType: 'text' });
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

describeAdapterSuite(axiosDriver);
