import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseServiceError, toBceError } from '../../src/index.js';

// Credentials of shapes the corpus added (the BCE JS SDK's `sk`, the CLI's `sts_token`, `client_secret`, a Qianfan
// API key, a digit-only password before a slash) echoed by a server or carried by a foreign error's message: gone
// from every text the error gives.

const SECRET_KEY = '5b1e3d7f9a2c4e6b8d0f1a3c5e7b9d2f';
const STS_TOKEN = 'ZjkyOGU4MTEtNjdhNC00NGFlLWFmYjItZjVkODg5YzhkMWE0OTM2NGQ5Mjc4ZWI';
const API_KEY_SECRET = '072be74731e368d8bbb628a8941ec50aaeba01cd';
const DIGIT_PASSWORD = '12345678';
const SECRETS = [SECRET_KEY, STS_TOKEN, API_KEY_SECRET, DIGIT_PASSWORD];
const ECHO = `bad credentials { ak: '9a8b7c6d5e4f30211f2e3d4c5b6a7980', sk: '${SECRET_KEY}' }; sts_token=${STS_TOKEN}; client_secret=${SECRET_KEY}; key bce-v3/ALTAK-RPJR9XSOVFl6mb5GxHbfU/${API_KEY_SECRET}; fetch http://ak:${DIGIT_PASSWORD}/@bj.bcebos.com/k`;

function everyText(error: Error): string {
  return [error.message, error.stack ?? '', JSON.stringify(error), inspect(error, { depth: 8, showHidden: true })].join(
    '\n',
  );
}

function expectClean(error: Error | undefined): void {
  if (error === undefined) return expect.fail('no error was built');
  const text = everyText(error);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('echoed credentials of the SDKs, the CLI, OAuth and Qianfan', () => {
  it('parseServiceError: a JSON body whose message echoes them', () => {
    const body = JSON.stringify({ code: 'AccessDenied', message: ECHO, requestId: 'r-1' });
    expectClean(parseServiceError({ status: 403, headers: { 'content-type': 'application/json' }, body }));
  });

  it('parseServiceError: an HTML page that echoes them (kept as a body snippet)', () => {
    const body = `<html><body><pre>${ECHO}\nSK: ${SECRET_KEY}</pre></body></html>`;
    expectClean(parseServiceError({ status: 403, headers: { 'content-type': 'text/html' }, body }));
  });

  it('toBceError: a foreign error whose message holds them', () => {
    expectClean(toBceError(Object.assign(new Error(ECHO), { code: 'ECONNRESET' })));
  });
});
