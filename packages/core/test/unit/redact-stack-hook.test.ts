import { inspect } from 'node:util';
import { unusedPortUrl } from '@bce-errors/mock-server';
import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SDK_STYLES, toBceError, type BceError } from '../../src/index.js';
import { rejectionOf } from '../support/rejection-of.js';

// An `Error.prepareStackTrace` hook sees the error it formats. One that renders the error's fields (a logging or an
// error-reporting library) puts the request's headers into the stack text, without any label redactText knows:
// the cause's stack must be safe whatever the hook does (issue 12).

const TOKEN = 'ZjkyOGU4MTEtNjdhNC00NGFlLWFmYjItZjVkODg5YzhkMWE0';

type Hook = NonNullable<typeof Error.prepareStackTrace>;

/** Renders every header value of `config` (axios) bare, on a line of its own and inside each frame line. */
const renderingHook: Hook = (error, frames) => {
  const config = (error as { config?: { headers?: Record<string, unknown> } }).config;
  const values = Object.values(config?.headers ?? {})
    .map(String)
    .join(' ');
  const header = `${error.name}: ${error.message}`;
  return [
    header,
    `  headers ${values}`,
    ...frames.map((frame) => `    at ${frame.getFileName() ?? ''}:${String(frame.getLineNumber())} ${values}`),
  ].join('\n');
};

// Vitest installs its own hook (source maps); each test puts it back.
let previousHook: unknown;
function restoreHook(): void {
  if (previousHook === undefined) Reflect.deleteProperty(Error, 'prepareStackTrace');
  else Reflect.set(Error, 'prepareStackTrace', previousHook);
}
beforeEach(() => {
  previousHook = Reflect.get(Error, 'prepareStackTrace');
});
afterEach(restoreHook);

function withSecretConfig(error: Error): Error {
  return Object.assign(error, { config: { headers: { 'x-bce-security-token': TOKEN, Accept: 'application/json' } } });
}

function expectCleanCause(error: BceError): void {
  const cause = error.cause as Error;
  expect(cause).toBeInstanceOf(Error);
  for (const text of [
    cause.stack ?? '',
    cause.message,
    inspect(error, { depth: Infinity, showHidden: true }),
    error.stack ?? '',
    JSON.stringify(error),
  ]) {
    if (text.includes(TOKEN)) expect.fail(`the token leaked:\n${text}`);
  }
}

describe('a prepareStackTrace hook that renders fields', () => {
  it.each(SDK_STYLES)('%s: a cause whose stack is first read by the sanitiser', (style) => {
    Error.prepareStackTrace = renderingHook;
    const raw = withSecretConfig(new Error('connect ECONNREFUSED 127.0.0.1:9'));
    const error = toBceError(raw, { style });
    expectCleanCause(error);
    // The hook still formats the frames: the stack keeps them.
    expect((error.cause as Error).stack).toMatch(/\n {4}at /);
    // And the hook is the caller's again afterwards.
    expect(Reflect.get(Error, 'prepareStackTrace')).toBe(renderingHook);
    // The raw error was formatted with the stand-in, so its own stack holds no secret either.
    expect(raw.stack).not.toContain(TOKEN);
  });

  it.each(SDK_STYLES)('%s: a cause whose stack the hook had already rendered', (style) => {
    Error.prepareStackTrace = renderingHook;
    const raw = withSecretConfig(new Error('socket hang up'));
    // Read once before the sanitiser sees it, as axios does when it appends the caller's frames.
    expect(raw.stack).toContain(TOKEN);
    const error = toBceError(raw, { style });
    expectCleanCause(error);
    expect((error.cause as Error).stack).toMatch(/^Error: socket hang up\n {4}at /);
  });

  it('a real axios error (axios reads the stack itself, with the hook installed)', async () => {
    Error.prepareStackTrace = renderingHook;
    const url = await unusedPortUrl();
    const raw = await rejectionOf(axios.get(url, { headers: { 'x-bce-security-token': TOKEN } }));
    expect(inspect(raw, { depth: Infinity, showHidden: true })).toContain(TOKEN);
    for (const style of SDK_STYLES) expectCleanCause(toBceError(raw, { style }));
  });

  it('a hook that throws, or returns no string, leaves a stack of name and message', () => {
    Error.prepareStackTrace = () => {
      throw new Error(`hook failed ${TOKEN}`);
    };
    const thrown = toBceError(withSecretConfig(new Error('boom')), { style: 'go' });
    Error.prepareStackTrace = (_error, frames) => frames;
    const structured = toBceError(withSecretConfig(new Error('boom')), { style: 'go' });
    // The checks render the errors' own stacks: with the caller's hook back, not one that throws.
    restoreHook();
    expectCleanCause(thrown);
    expect((thrown.cause as Error).stack).toBe('Error: boom');
    expectCleanCause(structured);
    expect((structured.cause as Error).stack).toBe('Error: boom');
  });

  it('without a hook, the stack is kept as the runtime wrote it, redacted', () => {
    Reflect.deleteProperty(Error, 'prepareStackTrace');
    const raw = new Error('multi\nline message');
    const error = toBceError(raw, { style: 'go' });
    expect((error.cause as Error).stack).toBe(raw.stack);
  });
});
