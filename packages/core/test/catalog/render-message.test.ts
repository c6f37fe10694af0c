import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/catalog/catalog-entry.js';
import { catalogEntries, lookupError } from '../../src/catalog/lookup.js';
import { renderMessage } from '../../src/catalog/render-message.js';

function entry(code: string, service?: CatalogEntry['service']): CatalogEntry {
  const found = lookupError(code, { service });
  if (found === undefined) throw new Error(`${code} is not in the catalog`);
  return found;
}

describe('renderMessage', () => {
  it('fills XXX by position', () => {
    expect(renderMessage(entry('RequestExpired'), ['2025-01-01T00:00:00Z'])).toBe(
      'Request has expired. Timestamp date is 2025-01-01T00:00:00Z.',
    );
  });

  it('fills %s and %d by position, in order', () => {
    expect(renderMessage(entry('IAM.1106'), ['alice', 'AKIA1'])).toBe(
      'The user alice with access key AKIA1 cannot be found.',
    );
    expect(renderMessage(entry('IAM.0012'), [100, 60])).toBe(
      'The throttling threshold has been reached. Threshold: 100 times per 60 seconds',
    );
    expect(renderMessage(entry('IAM.1059'), ['colour'])).toBe("Invalid key 'colour'.");
  });

  it('fills %(key)s, {host}, [input length] and quoted parameterName by name', () => {
    expect(renderMessage(entry('IAM.0004'), { target: 'user', target_id: 'u-1' })).toBe('Could not find user: u-1.');
    expect(renderMessage(entry('IAM.0073'), { key: 'name', value: '' })).toBe(
      "Invalid input for field 'name'. The value is ''.",
    );
    expect(renderMessage(entry('ServiceError', 'cfs'), { host: 'cfs.bj.baidubce.com' })).toBe(
      'the dependency service is unavailable, host is cfs.bj.baidubce.com',
    );
    expect(renderMessage(entry('UnsupportedProtocol', 'cfs'), { http: 'ftp' })).toBe(
      "The protocol 'ftp' is not supported.",
    );
    expect(renderMessage(entry('IAM.1002'), { 'input length': 70 })).toBe(
      'The length 70 of the display name exceeds 64 characters.',
    );
    expect(renderMessage(entry('MissingParameter', 'cfs'), { parameterName: 'fsId' })).toBe(
      "A required parameter 'fsId' is not supplied.",
    );
  });

  it('takes positional values from an object by index', () => {
    expect(renderMessage(entry('IAM.1106'), { 0: 'alice', 1: 'AK' })).toBe(
      'The user alice with access key AK cannot be found.',
    );
  });

  it('keeps the token of a placeholder without a value', () => {
    expect(renderMessage(entry('IAM.1106'), ['alice'])).toBe('The user alice with access key %s cannot be found.');
    expect(renderMessage(entry('IAM.0004'), { target: 'user' })).toBe('Could not find user: %(target_id)s.');
    expect(renderMessage(entry('IAM.0004'), ['positional values do not fill named placeholders'])).toBe(
      entry('IAM.0004').message,
    );
    expect(renderMessage(entry('AccessDenied'), ['ignored'])).toBe('Access denied.');
  });

  it('replaces exactly the placeholders of every catalog message', () => {
    for (const item of catalogEntries()) {
      expect(renderMessage(item), item.code).toBe(item.message);
      const values: Record<string, string> = {};
      item.placeholders.forEach((placeholder, index) => {
        values['name' in placeholder ? placeholder.name : String(placeholder.position)] = `⟦${String(index)}⟧`;
      });
      const rendered = renderMessage(item, values);
      const markers = rendered.match(/⟦\d+⟧/g) ?? [];
      // A named placeholder used twice gets its value twice; otherwise one marker per placeholder.
      expect(markers.length, item.code).toBe(item.placeholders.length);
      for (const placeholder of item.placeholders) {
        expect(rendered.includes(placeholder.token), `${item.code} still has ${placeholder.token}`).toBe(false);
      }
    }
  });
});
