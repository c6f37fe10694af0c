import { startMockServer, type MockServer } from '@bce-errors/mock-server';
import axios from 'axios';
import got from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkProperties } from './support/property-walk.js';
import { RENDERINGS } from './support/renderings.js';
import { scanTexts, secretForms, type Finding, type RenderedText } from './support/scan.js';
import {
  ALL_SECRETS,
  CREDENTIAL_HEADERS,
  CRLF_TOKEN,
  PRESIGNED_QUERY,
  SECRETS,
  withUserinfo,
  type Sentinel,
} from './support/secret-corpus.js';

const REQUEST_HEADER_SECRETS = [
  SECRETS.authorizationSignature.name,
  SECRETS.securityToken.name,
  SECRETS.cookie.name,
  SECRETS.proxyAuthorization.name,
];

/** What the scanner finds in every rendering of `error`: the rendering names per secret. */
async function scanEveryRendering(error: unknown): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  for (const rendering of RENDERINGS) {
    for (const finding of scanTexts(await rendering.render(error), ALL_SECRETS)) {
      const renderings = found.get(finding.secret) ?? new Set<string>();
      renderings.add(rendering.name);
      found.set(finding.secret, renderings);
    }
  }
  return found;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

describe('the scanner can fail: it finds every spelling of a secret, and the secrets in raw client errors', () => {
  let server: MockServer;

  beforeAll(async () => {
    server = await startMockServer();
    server.route('/raw/404', {
      status: 404,
      headers: { 'content-type': 'application/json' },
      body: '{"code":"NoSuchKey","message":"The specified key does not exist.","requestId":"raw-404"}',
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('finds a secret as is, base64 at every alignment, base64url, URL-encoded and JSON-escaped (once and twice)', () => {
    const secret: Sentinel = { name: 'test secret', carrier: 'request', value: 'sk/"quoted"&plus+equals=end' };
    const texts: RenderedText[] = [
      { where: 'as is', text: `before ${secret.value} after` },
      ...['', 'u:', 'ab:'].map((prefix) => ({
        where: `base64 after ${String(prefix.length)} bytes`,
        text: `Basic ${Buffer.from(`${prefix}${secret.value}`).toString('base64')}`,
      })),
      { where: 'base64url', text: `token=${Buffer.from(`x${secret.value}`).toString('base64url')}` },
      { where: 'URL-encoded', text: `?authorization=${encodeURIComponent(secret.value)}` },
      { where: 'JSON-escaped', text: JSON.stringify({ message: secret.value }) },
      { where: 'JSON-escaped twice', text: JSON.stringify(JSON.stringify({ message: secret.value })) },
    ];
    const findings = scanTexts(texts, [secret]);
    expect(findings.map((finding) => finding.where)).toStrictEqual(texts.map((text) => text.where));
    expect(new Set(secretForms(secret.value).map((form) => form.form)).size).toBe(secretForms(secret.value).length);
  });

  it('finds a piece of a secret that a cut text kept (a body snippet ending inside a signature)', () => {
    const snippet = `Authorization: bce-auth-v1/AK/2026-12-01T00:00:00Z/1800/host;x-bce-date/${SECRETS.dumpSignature.value.slice(0, 20)}`;
    const findings = scanTexts([{ where: 'bodySnippet', text: snippet }], ALL_SECRETS);
    expect(findings.map((finding) => [finding.secret, finding.form])).toStrictEqual([
      [SECRETS.dumpSignature.name, 'a piece of it (from character 0)'],
    ]);
  });

  it('finds nothing in a redacted text or in a text that only names the secrets', () => {
    const texts: RenderedText[] = [
      { where: 'redacted', text: `Authorization: [REDACTED]; x-bce-security-token: [REDACTED]; Cookie: [REDACTED]` },
      { where: 'names', text: ALL_SECRETS.map((secret) => secret.name).join('\n') },
    ];
    expect(scanTexts(texts, ALL_SECRETS)).toStrictEqual([]);
  });

  it("finds the request's credentials in a raw AxiosError (config.headers, the request) in several renderings", async () => {
    const raw = await rejectionOf(
      axios.get(`${server.url}/raw/404${PRESIGNED_QUERY}`, { headers: { ...CREDENTIAL_HEADERS } }),
    );
    const found = await scanEveryRendering(raw);
    for (const name of [...REQUEST_HEADER_SECRETS, SECRETS.presignedSignature.name]) {
      expect([...(found.get(name) ?? [])], name).toEqual(
        expect.arrayContaining(['util.inspect showHidden depth Infinity', 'property walk']),
      );
    }
    expect(walkProperties(raw).rawClientErrors).toContain('error');
  });

  it("finds the request's credentials in a raw got HTTPError (options, the request) and userinfo as base64", async () => {
    const raw = await rejectionOf(
      got(`${withUserinfo(server.url)}/raw/404${PRESIGNED_QUERY}`, {
        headers: { ...CREDENTIAL_HEADERS },
        retry: { limit: 0 },
      }),
    );
    const found = await scanEveryRendering(raw);
    for (const name of [...REQUEST_HEADER_SECRETS, SECRETS.presignedSignature.name, SECRETS.userinfoPassword.name]) {
      expect([...(found.get(name) ?? [])], name).toContain('property walk');
    }
    const walked: Finding[] = scanTexts(walkProperties(raw).texts, [SECRETS.userinfoPassword]);
    // got sends the userinfo as `Authorization: Basic base64(user:password)`: only the base64 spelling is on the wire.
    expect(walked.some((finding) => finding.form.startsWith('base64'))).toBe(true);
    expect(walkProperties(raw).rawClientErrors).toContain('error');
  });

  it("finds the CR/LF security token in fetch's raw TypeError message", async () => {
    const raw = await rejectionOf(
      fetch(`${server.url}/raw/404`, { headers: { ...CREDENTIAL_HEADERS, 'x-bce-security-token': CRLF_TOKEN } }),
    );
    const found = await scanEveryRendering(raw);
    expect([...(found.get(SECRETS.crlfToken.name) ?? [])]).toEqual(
      expect.arrayContaining(['message', 'stack', 'String(error)', 'pino logger', 'winston errors+json']),
    );
  });
});
