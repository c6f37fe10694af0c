import { describe, expect, it } from 'vitest';
import { CATALOG_SERVICES } from '../../src/catalog/catalog-codes.gen.js';
import { catalogEntries, catalogEntryForError, listErrors, lookupError } from '../../src/catalog/lookup.js';
import { suggestErrorCodes } from '../../src/catalog/suggest-error-codes.js';

describe('lookupError', () => {
  it('finds a global code without a service', () => {
    expect(lookupError('AccessDenied')).toMatchObject({ service: 'bce', status: 403, message: 'Access denied.' });
  });

  it('keeps a code that several services list per service', () => {
    expect(lookupError('InstanceNotFound', { service: 'cfs' })?.message).toBe(
      'The specified CFS instance does not exist.',
    );
    expect(lookupError('InstanceNotFound', { service: 'eip' })?.service).toBe('eip');
    expect(lookupError('InstanceNotFound', { service: 'eipgroup' })?.service).toBe('eipgroup');
    expect(lookupError('RealNameQualify', { service: 'eipgroup' })?.message).toBe(
      'The login user is not pass real name qualify.',
    );
  });

  it('without a service: the global code first, then the first service in CATALOG_SERVICES order', () => {
    expect(CATALOG_SERVICES[0]).toBe('bce');
    expect(lookupError('InstanceNotFound')?.service).toBe('cfs');
    expect(lookupError('RealNameQualify')?.service).toBe('eip');
    expect(lookupError('IAM.0001')?.service).toBe('iam');
    expect(lookupError('1101')).toMatchObject({ service: 'iam', message: 'Invalid username.' });
  });

  it('with a service: its own entry, else the global one, never another service', () => {
    expect(lookupError('AccessDenied', { service: 'cfs' })?.service).toBe('bce');
    expect(lookupError('AccessDenied', { service: 'bos' })?.service).toBe('bce');
    expect(lookupError('EipNotFound', { service: 'cfs' })).toBeUndefined();
    expect(lookupError('EipNotFound', { service: 'bos' })).toBeUndefined();
  });

  it('returns undefined for an undocumented code', () => {
    expect(lookupError('NoSuchKey')).toBeUndefined();
    expect(lookupError('accessdenied')).toBeUndefined();
    expect(lookupError('')).toBeUndefined();
  });

  it('gives the remedy where the page has one', () => {
    expect(lookupError('IAM.0066')?.remedy).toBe('Use a valid token.');
    expect(lookupError('AccessDenied')).not.toHaveProperty('remedy');
  });
});

describe('listErrors and catalogEntries', () => {
  it('filters by status and service', () => {
    const forbidden = listErrors({ status: 403 });
    expect(forbidden.every((entry) => entry.status === 403)).toBe(true);
    expect(forbidden.map((entry) => entry.code)).toEqual(
      expect.arrayContaining(['AccessDenied', 'RequestTimeTooSkewed', 'IAM.0002']),
    );
    expect(listErrors({ status: 401, service: 'iam' })).toHaveLength(7);
    expect(listErrors({ service: 'cfs' }).every((entry) => entry.service === 'cfs')).toBe(true);
    expect(listErrors({ status: 418 })).toEqual([]);
    expect(listErrors()).toEqual(catalogEntries());
  });

  it('lists every entry once, frozen', () => {
    const entries = catalogEntries();
    expect(entries).toHaveLength(183);
    expect(new Set(entries.map((e) => `${e.service}/${e.code}`)).size).toBe(183);
    expect(Object.isFrozen(entries)).toBe(true);
    expect(Object.isFrozen(entries[0])).toBe(true);
    expect(Object.isFrozen(entries[0]?.placeholders)).toBe(true);
  });
});

describe('catalogEntryForError', () => {
  it('explains an error from its code, status and service', () => {
    expect(catalogEntryForError({ code: 'InstanceNotFound', statusCode: 404 })?.service).toBe('cfs');
    expect(catalogEntryForError({ code: 'InstanceNotFound', statusCode: 404 }, { service: 'eip' })?.service).toBe(
      'eip',
    );
    expect(catalogEntryForError({ code: 'AccessDenied', statusCode: 403 }, { service: 'iam' })?.service).toBe('bce');
    expect(catalogEntryForError({ code: 'IAM.0002' })?.status).toBe(403);
    expect(catalogEntryForError({ code: 'NoSuchKey', statusCode: 404 })).toBeUndefined();
  });
});

describe('suggestErrorCodes', () => {
  it('suggests close codes, closest first', () => {
    expect(suggestErrorCodes('AccesDenied')[0]).toBe('AccessDenied');
    expect(suggestErrorCodes('accessdenied')).toEqual(['AccessDenied']);
    expect(suggestErrorCodes('SignatureDoesntMatch')[0]).toBe('SignatureDoesNotMatch');
    expect(suggestErrorCodes('IAM.0O01')[0]).toBe('IAM.0001');
  });

  it('stays within a service and the global codes when given one', () => {
    expect(suggestErrorCodes('EipNotFund', { service: 'eip' })).toContain('EipNotFound');
    expect(suggestErrorCodes('EipNotFund', { service: 'cfs' })).not.toContain('EipNotFound');
  });

  it('suggests nothing for something far from every code', () => {
    expect(suggestErrorCodes('completely-unrelated-text')).toEqual([]);
    expect(suggestErrorCodes('AccessDenied')).not.toContain('AccessDenied');
  });
});
