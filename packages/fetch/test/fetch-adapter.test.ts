import { describeAdapterSuite, type AdapterDriver } from '@bce-errors/adapter-suite';
import { createBceFetch } from '../src/index.js';

const encoder = new TextEncoder();

const fetchDriver: AdapterDriver = {
  name: 'fetch',
  supportsTls: true,
  protocolResends: { 421: 1 },
  async send(request) {
    const bceFetch = createBceFetch({ ...request.options, timeoutMs: request.timeoutMs ?? 0 });
    let body: BodyInit | undefined;
    if (request.body?.kind === 'text') body = request.body.text;
    else if (request.body?.kind === 'one-shot-stream') {
      const bytes = encoder.encode(request.body.text);
      body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      });
    }
    const init: RequestInit & { duplex?: 'half' } = {
      method: request.method,
      headers: request.headers ?? {},
      signal: request.signal ?? null,
      ...(body === undefined ? {} : { body, duplex: 'half' }),
    };
    const response = await bceFetch(request.url, init);
    return { status: response.status, bodyText: await response.text() };
  },
};

describeAdapterSuite(fetchDriver);
