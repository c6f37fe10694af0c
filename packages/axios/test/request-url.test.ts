// The URL on a failed request's error (`error.request.url`) is the one axios' own `getUri` gives for the request:
// base URL, `params` and the serializer included, in the oldest and the newest axios of the peer range. The
// adapter builds it without merging the instance defaults into the dispatched config once more (issue 14).
import { isBceError } from '@bce-errors/core';
import axios, { type AxiosInstance, type AxiosRequestConfig, type CreateAxiosDefaults } from 'axios';
import axiosOldest from 'axios-oldest';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBceErrors } from '../src/index.js';
import { startRawServer, type RawServer } from './raw-server.js';

let server: RawServer;
beforeAll(async () => {
  server = await startRawServer((_request, response) => {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end('{"code":"NoSuchKey","message":"no such key","requestId":"r-url"}');
  });
});
afterAll(async () => {
  await server.close();
});

interface AxiosModule {
  create(config?: CreateAxiosDefaults): unknown;
  Axios: new (config?: CreateAxiosDefaults) => unknown;
  defaults: object;
}

/** The URL on the error of a request that fails with a 404. */
async function urlOnError(client: AxiosInstance, config: AxiosRequestConfig): Promise<unknown> {
  const failure: unknown = await client.request(config).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isBceError(failure)).toBe(true);
  return isBceError(failure) ? failure.request?.url : undefined;
}

/** A serializer that works while axios sends the request and throws on every later call. */
function serializerThatThrowsLater(): (params: Record<string, unknown>) => string {
  let calls = 0;
  return (params) => {
    calls += 1;
    if (calls > 1) throw new Error('serializer broke');
    return new URLSearchParams(params as Record<string, string>).toString();
  };
}

const modules: [string, AxiosModule][] = [
  ['axios (newest)', axios as unknown as AxiosModule],
  ['axios@1.7.0', axiosOldest as unknown as AxiosModule],
];

describe.each(modules)('error.request.url through %s', (_label, axiosModule) => {
  const cases: [string, () => CreateAxiosDefaults, () => AxiosRequestConfig][] = [
    ['an absolute URL', () => ({}), () => ({ url: `${server.url}/plain/path` })],
    ['a base URL and a relative URL', () => ({ baseURL: `${server.url}/base/` }), () => ({ url: '/object/key' })],
    ['a base URL and no URL', () => ({ baseURL: `${server.url}/only-base` }), () => ({})],
    ['a base URL with trailing slashes', () => ({ baseURL: `${server.url}/base///` }), () => ({ url: '/object' })],
    [
      'params',
      () => ({}),
      () => ({ url: `${server.url}/p`, params: { a: 1, b: 'two words', list: [1, 2], skipped: undefined } }),
    ],
    [
      'a base URL, params and a URL that has a query and a hash',
      () => ({ baseURL: server.url }),
      () => ({ url: '/q?x=1#frag', params: { y: 'é/?' } }),
    ],
    ['URLSearchParams', () => ({}), () => ({ url: `${server.url}/s`, params: new URLSearchParams('k=v&k=w') })],
    [
      'instance params merged with the request params',
      () => ({ params: { fromInstance: 'i' } }),
      () => ({ url: `${server.url}/m`, params: { fromRequest: 'r' } }),
    ],
    [
      'a params serializer',
      () => ({}),
      () => ({
        url: `${server.url}/ser`,
        params: { a: 1 },
        paramsSerializer: { serialize: (params: Record<string, unknown>) => `custom=${String(params.a)}` },
      }),
    ],
    [
      'a params encoder',
      () => ({}),
      () => ({
        url: `${server.url}/enc`,
        params: { a: 'xy' },
        paramsSerializer: { encode: (value: string) => value.toUpperCase() },
      }),
    ],
    [
      'an absolute URL beside a base URL',
      () => ({ baseURL: 'http://127.0.0.1:1/never' }),
      () => ({ url: `${server.url}/absolute` }),
    ],
    [
      'allowAbsoluteUrls: false',
      // axios 1.7.0 predates the option and sends the request to the absolute URL: the same server, either way.
      () => ({ baseURL: `${server.url}/outer` }),
      () => ({ url: `${server.url}/inner`, allowAbsoluteUrls: false }),
    ],
  ];

  it.each(cases)("with %s: what axios' getUri gives", async (_name, defaults, request) => {
    const client = axiosModule.create(defaults()) as AxiosInstance;
    installBceErrors(client, { retry: false });
    expect(await urlOnError(client, request())).toBe(client.getUri(request()));
  });

  it('a params serializer that throws when the error is built: the URL without its params', async () => {
    const client = axiosModule.create({ baseURL: server.url }) as AxiosInstance;
    installBceErrors(client, { retry: false });
    const url = await urlOnError(client, {
      url: '/broken-serializer',
      params: { a: 'b' },
      paramsSerializer: { serialize: serializerThatThrowsLater() },
    });
    expect(url).toBe('/broken-serializer');
  });

  it('the defaults of the instance are left as they were', async () => {
    const client = axiosModule.create({ baseURL: server.url, params: { d: 1 } }) as AxiosInstance;
    installBceErrors(client, { retry: false });
    const before = JSON.stringify(client.defaults);
    expect(await urlOnError(client, { url: '/defaults', params: { r: 2 } })).toBe(
      client.getUri({ url: '/defaults', params: { r: 2 } }),
    );
    expect(JSON.stringify(client.defaults)).toBe(before);
  });

  it.each(['http:', 'http:/\\'])(
    'userinfo after %j without // (WHATWG reads it as userinfo): the password is on no view of the error',
    async (prefix) => {
      const client = axiosModule.create() as AxiosInstance;
      installBceErrors(client, { retry: false });
      const url = `${prefix}ak:SECRETPASSWORD@${server.url.slice('http://'.length)}/k`;
      const failure: unknown = await client.get(url).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(isBceError(failure)).toBe(true);
      expect(isBceError(failure) ? failure.request?.url : undefined).toBe(
        url.replace('ak:SECRETPASSWORD', '[REDACTED]'),
      );
      expect(JSON.stringify(failure)).not.toContain('SECRETPASSWORD');
      expect(inspect(failure, { depth: Infinity, showHidden: true })).not.toContain('SECRETPASSWORD');
    },
  );

  it('an Axios made with `new` (no `create`): still what its getUri gives', async () => {
    const client = new axiosModule.Axios({ ...axiosModule.defaults, baseURL: `${server.url}/made` }) as AxiosInstance;
    installBceErrors(client, { retry: false });
    const request = { url: '/with-new', params: { n: 1 } };
    expect(await urlOnError(client, request)).toBe(client.getUri(request));
  });
});
