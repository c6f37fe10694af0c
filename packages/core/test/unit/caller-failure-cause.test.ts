// The cause an adapter gives its error when the caller's own interceptor or hook failed (contract A).
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BceClientError } from '../../src/index.js';
import { callerFailureCause } from '../../src/adapter.js';

const SIGNATURE = 'bce-auth-v1/AKCAUSEUNIT/2026-12-01T00:00:00Z/1800/host/0123456789abcdef0123456789abcdef01234567';

class SigningError extends Error {
  readonly keyId = 'key-7';
}

/** A raw axios error as the caller's interceptor receives it: the request's headers as sent in its config. */
function axiosLikeError(): Error {
  return Object.assign(new Error('Request failed with status code 500'), {
    isAxiosError: true,
    config: { headers: { Authorization: SIGNATURE } },
  });
}

describe('callerFailureCause', () => {
  it("keeps the caller's error as it is when it shows nothing of the client's: same object, class and fields", () => {
    const failure = new SigningError('no credentials', { cause: new Error('disk full') });
    expect(callerFailureCause(failure)).toBe(failure);
  });

  it('keeps one of our own errors, and an error that wraps one, as they are', () => {
    const ours = new BceClientError({ style: 'go', transportCode: 'Timeout', message: 'timed out' });
    expect(callerFailureCause(ours)).toBe(ours);
    const wrapping = new Error('app failed', { cause: ours });
    expect(callerFailureCause(wrapping)).toBe(wrapping);
  });

  it.each([
    ['wraps a raw client error as its cause', () => new SigningError('request failed', { cause: axiosLikeError() })],
    ['wraps it two levels down', () => new Error('outer', { cause: new Error('inner', { cause: axiosLikeError() }) })],
    ['carries a response', () => Object.assign(new Error('bad answer'), { response: { request: {} } })],
    [
      'holds a credential header',
      () => Object.assign(new Error('unsigned'), { headers: { cookie: 'sid=COOKIEUNIT1' } }),
    ],
    ['says a credential in its message', () => new Error(`cannot sign with Authorization: ${SIGNATURE}`)],
  ])('a redacted copy when it %s', (_case, make) => {
    const failure = make();
    const cause = callerFailureCause(failure);
    expect(cause).not.toBe(failure);
    expect(cause).toBeInstanceOf(Error);
    expect((cause as Error).message.length).toBeGreaterThan(0);
    const rendered = inspect(cause, { depth: Infinity, showHidden: true });
    expect(rendered).not.toContain('AKCAUSEUNIT');
    expect(rendered).not.toContain('COOKIEUNIT1');
    for (let link: unknown = cause; link !== undefined; link = (link as Error).cause) {
      expect((link as { isAxiosError?: unknown; config?: unknown }).isAxiosError).toBeUndefined();
      expect((link as { config?: unknown }).config).toBeUndefined();
    }
  });

  it('a thrown string is redacted', () => {
    expect(callerFailureCause(`Authorization: ${SIGNATURE}`)).not.toContain('AKCAUSEUNIT');
  });
});
