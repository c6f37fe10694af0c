import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ALLOWED_REQUEST_HEADERS, corsHeaders, EXPOSED_RESPONSE_HEADERS } from '../src/cors-policy.js';

const PAGE = 'http://127.0.0.1:8080';

describe('the error API CORS policies', () => {
  it('open: allows the page, the request id header, and exposes the headers the errors read', () => {
    expect(corsHeaders('open', PAGE, [PAGE])).toMatchObject({
      'access-control-allow-origin': PAGE,
      'access-control-allow-headers': 'content-type, authorization, x-bce-date, x-bce-request-id',
      'access-control-expose-headers': 'x-bce-request-id, x-bce-debug-id, x-request-id, retry-after',
    });
  });

  it('no-expose and no-request-id-header each drop exactly one thing', () => {
    expect(corsHeaders('no-expose', PAGE, [PAGE])).not.toHaveProperty('access-control-expose-headers');
    expect(corsHeaders('no-expose', PAGE, [PAGE])['access-control-allow-headers']).toContain('x-bce-request-id');
    const withoutId = corsHeaders('no-request-id-header', PAGE, [PAGE]);
    expect(withoutId['access-control-allow-headers']).toBe('content-type, authorization, x-bce-date');
    expect(withoutId['access-control-expose-headers']).toContain('x-bce-request-id');
  });

  it('none, a foreign origin and no origin get no CORS headers at all', () => {
    expect(corsHeaders('none', PAGE, [PAGE])).toEqual({});
    expect(corsHeaders('open', 'http://elsewhere.test', [PAGE])).toEqual({});
    expect(corsHeaders('open', undefined, [PAGE])).toEqual({});
  });

  it('docs/browsers.md tells an API the same headers the suite proves enough', async () => {
    const docs = await readFile(new URL('../../../docs/browsers.md', import.meta.url), 'utf8');
    expect(docs).toContain(EXPOSED_RESPONSE_HEADERS.join(', '));
    expect(docs).toContain(ALLOWED_REQUEST_HEADERS.join(', '));
  });
});
