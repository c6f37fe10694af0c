import { describe, expect, it } from 'vitest';
import { classifyTransportError } from '../../src/parse/classify-transport-error.js';
import { isRetryableError } from '../../src/retry/retry-policy.js';
import { BceClientError, SDK_STYLES, TRANSPORT_CODES, type TransportCode } from '../../src/index.js';

/** An error as a runtime throws it: a name, a message and, where the runtime gives one, a code. */
function runtimeError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  const error = name === 'TypeError' ? new TypeError(message) : new Error(message);
  if (name !== 'TypeError' && name !== 'Error') error.name = name;
  return Object.assign(error, extra);
}

describe('NetworkError: a network failure the runtime does not detail', () => {
  it('is a transport code', () => {
    expect(TRANSPORT_CODES).toContain('NetworkError');
  });

  it.each([
    ['Chromium fetch', runtimeError('TypeError', 'Failed to fetch')],
    ['Firefox fetch', runtimeError('TypeError', 'NetworkError when attempting to fetch resource.')],
    ['Safari fetch', runtimeError('TypeError', 'Load failed')],
    ['axios in a browser (XHR)', runtimeError('AxiosError', 'Network Error', { code: 'ERR_NETWORK' })],
    ['axios without its code', runtimeError('AxiosError', 'Network Error')],
    // workerd gives this one text for a refused connection and for one dropped mid-request: it does not say which.
    ['workerd fetch', runtimeError('Error', 'Network connection lost.')],
    [
      'a browser error wrapped as a cause',
      runtimeError('Error', 'request failed', { cause: new TypeError('Failed to fetch') }),
    ],
  ])('%s', (_runtime, error) => {
    expect(classifyTransportError(error)).toBe('NetworkError');
  });

  it('a structured code anywhere in the chain wins over a text', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(classifyTransportError(new TypeError('Failed to fetch', { cause: refused }))).toBe('ConnectionRefused');
    expect(
      classifyTransportError(runtimeError('AxiosError', 'Network Error', { code: 'ERR_NETWORK', cause: refused })),
    ).toBe('ConnectionRefused');
  });

  it("a text that names the failure wins over axios' ERR_NETWORK around it (axios' fetch adapter in Deno)", () => {
    const deno = (message: string) =>
      runtimeError('AxiosError', 'Network Error', {
        code: 'ERR_NETWORK',
        cause: new TypeError('fetch failed', { cause: new Error(message) }),
      });
    expect(classifyTransportError(deno('tcp connect error: Connection refused (os error 111)'))).toBe(
      'ConnectionRefused',
    );
    expect(classifyTransportError(deno('Connection reset by peer (os error 104)'))).toBe('ConnectionReset');
    expect(classifyTransportError(deno('something else'))).toBe('NetworkError');
  });

  it('a similar text that says something else is not a network error', () => {
    expect(classifyTransportError(new TypeError('Failed to fetch dynamically imported module'))).toBe('Unknown');
    expect(classifyTransportError(new TypeError("Cannot read properties of undefined (reading 'ok')"))).toBe('Unknown');
    expect(classifyTransportError('Failed to fetch')).toBe('Unknown');
  });

  it('is retried like a connection failure, in every style', () => {
    for (const style of SDK_STYLES) {
      const error = new BceClientError({
        style,
        transportCode: 'NetworkError',
        cause: new TypeError('Failed to fetch'),
      });
      expect(isRetryableError(style, error)).toBe(true);
    }
  });
});

describe('texts of runtimes whose errors carry no code', () => {
  it.each<[string, Error, TransportCode]>([
    [
      'Deno refused (Linux)',
      runtimeError(
        'TypeError',
        'error sending request from 127.0.0.1:40000 for http://127.0.0.1:1/ (127.0.0.1:1): client error (Connect): tcp connect error: Connection refused (os error 111): Connection refused (os error 111)',
      ),
      'ConnectionRefused',
    ],
    [
      'Deno refused (macOS)',
      runtimeError('TypeError', 'tcp connect error: Connection refused (os error 61)'),
      'ConnectionRefused',
    ],
    [
      'Deno refused (Windows)',
      runtimeError(
        'TypeError',
        'tcp connect error: No connection could be made because the target machine actively refused it. (os error 10061)',
      ),
      'ConnectionRefused',
    ],
    [
      'Deno refused as a cause',
      runtimeError('TypeError', 'fetch failed', { cause: new Error('Connection refused (os error 111)') }),
      'ConnectionRefused',
    ],
    [
      'Deno reset',
      runtimeError('TypeError', 'error reading a body from connection: Connection reset by peer (os error 104)'),
      'ConnectionReset',
    ],
    [
      'Deno DNS',
      runtimeError(
        'TypeError',
        'client error (Connect): dns error: failed to lookup address information: Name or service not known',
      ),
      'DnsFailure',
    ],
    [
      'Bun refused (its code names it)',
      runtimeError('Error', 'Unable to connect. Is the computer able to access the url?', {
        code: 'ConnectionRefused',
      }),
      'ConnectionRefused',
    ],
  ])('%s', (_runtime, error, expected) => {
    expect(classifyTransportError(error)).toBe(expected);
  });
});
