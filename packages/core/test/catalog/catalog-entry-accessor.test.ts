import { describe, expect, it } from 'vitest';
import { parseServiceError } from '../../src/index.js';

describe('BceServiceError.catalogEntry', () => {
  it('explains a documented code with the entry of the service whose status matches', () => {
    const error = parseServiceError({
      status: 404,
      headers: {},
      body: '{"code":"InstanceNotFound","message":"gone","requestId":"r"}',
    });
    expect(error?.catalogEntry?.code).toBe('InstanceNotFound');
    expect(error?.catalogEntry?.status).toBe(404);
    expect(error?.catalogEntry?.description.length).toBeGreaterThan(0);
  });

  it('is undefined for an undocumented code', () => {
    const error = parseServiceError({ status: 418, headers: {}, body: '{"code":"NotInAnyPage"}' });
    expect(error?.catalogEntry).toBeUndefined();
  });
});
