import type { ScriptedResponse } from '@bce-errors/mock-server';

/** One failing request of the demo: what the embedded server answers (or does not). */
export interface DemoCase {
  name: string;
  /** `undefined`: nothing listens (connection refused). */
  response: ScriptedResponse | undefined;
  /** The client's own timeout, for the case that never answers. */
  timeoutMs?: number;
}

const json = { 'content-type': 'application/json; charset=utf-8' };

/** The cases shown side by side: one of each kind of failure the contract covers. */
export const DEMO_CASES: readonly DemoCase[] = [
  {
    name: '404 NoSuchKey',
    response: {
      status: 404,
      headers: { ...json, 'x-bce-request-id': 'demo-0001' },
      body: '{"code":"NoSuchKey","message":"The specified key does not exist.","requestId":"demo-0001"}',
    },
  },
  {
    name: '403 no body requestId',
    response: {
      status: 403,
      headers: { ...json, 'x-bce-request-id': 'demo-0002' },
      body: '{"code":"AccessDenied","message":"Access denied."}',
    },
  },
  {
    name: '503 empty body',
    response: { status: 503, headers: { 'x-bce-request-id': 'demo-0003' }, body: '' },
  },
  {
    name: '502 HTML proxy page',
    response: {
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
    },
  },
  {
    name: '400 RequestExpired',
    response: {
      status: 400,
      headers: { ...json, 'x-bce-request-id': 'demo-0005' },
      body: '{"code":"RequestExpired","message":"Request has expired.","requestId":"demo-0005"}',
    },
  },
  { name: 'connection refused', response: undefined },
  {
    name: 'no answer (300 ms timeout)',
    response: { status: 200, fault: 'no-response', holdMs: 30_000 },
    timeoutMs: 300,
  },
];
