import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveAdapterOptions } from '../../src/adapter/adapter-options.js';
import { createRequestId, isBrowserRuntime } from '../../src/adapter/request-id.js';

// RFC 4122 section 4.4: version 4 in the high nibble of octet 6, variant 10xx in the high bits of octet 8.
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function expectDistinctUuids(count: number): void {
  const ids = new Set<string>();
  for (let index = 0; index < count; index += 1) {
    const id = createRequestId();
    expect(id).toMatch(UUID_V4);
    ids.add(id);
  }
  expect(ids.size).toBe(count);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createRequestId: a UUIDv4 in every runtime (contract X: no secure context needed)', () => {
  it('uses crypto.randomUUID where it exists', () => {
    const randomUUID = vi.spyOn(globalThis.crypto, 'randomUUID');
    try {
      expectDistinctUuids(50);
      expect(randomUUID).toHaveBeenCalledTimes(50);
    } finally {
      randomUUID.mockRestore();
    }
  });

  it('builds one from crypto.getRandomValues where randomUUID is missing (a browser page on http://)', () => {
    const real = globalThis.crypto;
    const getRandomValues = vi.fn((array: Uint8Array): Uint8Array => real.getRandomValues(array));
    // A non-secure browser context: getRandomValues is there, randomUUID is not.
    vi.stubGlobal('crypto', { getRandomValues });
    expectDistinctUuids(200);
    expect(getRandomValues).toHaveBeenCalledTimes(200);
  });

  it('sets exactly the version and variant bits and keeps every other random bit', () => {
    vi.stubGlobal('crypto', {
      getRandomValues: (array: Uint8Array): Uint8Array => array.fill(0xff),
    });
    expect(createRequestId()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    vi.stubGlobal('crypto', {
      getRandomValues: (array: Uint8Array): Uint8Array => array.fill(0),
    });
    expect(createRequestId()).toBe('00000000-0000-4000-8000-000000000000');
  });

  it('never throws without Web Crypto at all (it is an id, not a secret)', () => {
    vi.stubGlobal('crypto', undefined);
    expectDistinctUuids(50);
  });
});

/** Stands for a web worker's global scope class: its instances are the scopes. */
class FakeWorkerGlobalScope {
  readonly self = this;
}

describe('isBrowserRuntime: where a custom header costs a CORS preflight', () => {
  it.each([
    ['a window (document)', { document: {}, navigator: { userAgent: 'Mozilla/5.0' } }, true],
    [
      'a web worker (WorkerGlobalScope)',
      Object.assign(new FakeWorkerGlobalScope(), { WorkerGlobalScope: FakeWorkerGlobalScope }),
      true,
    ],
    ['Node', { process: { versions: { node: '20.20.2' } } }, false],
    ['jsdom in Node', { process: { versions: { node: '20.20.2' } }, document: {} }, false],
    ['Bun', { process: { versions: { node: '24.3.0', bun: '1.3.0' } }, Bun: {} }, false],
    ['Deno (without its process global)', { Deno: { version: {} }, navigator: { userAgent: 'Deno/2.5.0' } }, false],
    [
      'workerd (a service-worker-like scope that is not a browser)',
      Object.assign(new FakeWorkerGlobalScope(), {
        WorkerGlobalScope: FakeWorkerGlobalScope,
        navigator: { userAgent: 'Cloudflare-Workers' },
      }),
      false,
    ],
    ['an unknown runtime with none of these', {}, false],
  ])('%s', (_name, scope, expected) => {
    expect(isBrowserRuntime(scope)).toBe(expected);
  });

  it('is false in this test process (Node)', () => {
    expect(isBrowserRuntime()).toBe(false);
  });

  it('a scope whose getters throw reads as not a browser', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
      },
    );
    expect(isBrowserRuntime(hostile)).toBe(false);
  });
});

describe('resolveAdapterOptions: the request id default', () => {
  it('go sends it by default outside browsers; java and python do not; an explicit value wins', () => {
    expect(resolveAdapterOptions({ style: 'go' }, 'test').requestId).toBe(true);
    expect(resolveAdapterOptions({ style: 'java' }, 'test').requestId).toBe(false);
    expect(resolveAdapterOptions({ style: 'python' }, 'test').requestId).toBe(false);
    expect(resolveAdapterOptions({ style: 'go', requestId: false }, 'test').requestId).toBe(false);
    expect(resolveAdapterOptions({ style: 'java', requestId: true }, 'test').requestId).toBe(true);
  });

  it('in a browser, go sends it only when asked', () => {
    // The detection reads the global scope: a page's globals without Node's process.
    vi.stubGlobal('process', { ...process, versions: { ...process.versions, node: undefined } });
    vi.stubGlobal('document', {});
    expect(isBrowserRuntime()).toBe(true);
    const defaults = resolveAdapterOptions({ style: 'go' }, 'test').requestId;
    const asked = resolveAdapterOptions({ style: 'go', requestId: true }, 'test').requestId;
    vi.unstubAllGlobals();
    expect(defaults).toBe(false);
    expect(asked).toBe(true);
  });
});
