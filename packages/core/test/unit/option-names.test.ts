import { describe, expect, it } from 'vitest';
import { closestName } from '../../src/options/validate.js';

describe('closestName: the option a typo most likely meant', () => {
  const options = ['style', 'dialect', 'retry', 'honorRetryAfter', 'maxErrorBodyBytes', 'requestId'];

  it.each([
    ['maxErrorBodyByte', 'maxErrorBodyBytes'], // a letter missing
    ['maxErrorBodyBytess', 'maxErrorBodyBytes'], // one too many
    ['stlye', 'style'], // two neighbours swapped count once
    ['STYLE', 'style'], // case is not a typo
    ['requestID', 'requestId'],
    ['dialet', 'dialect'],
    ['retyr', 'retry'],
    ['honorRetryAftr', 'honorRetryAfter'],
  ])('%s -> %s', (typo, meant) => {
    expect(closestName(typo, options)).toBe(meant);
  });

  it.each(['timeout', 'headers', 'x', 'limit', 'maxRetries'])('%s: nothing close enough', (name) => {
    expect(closestName(name, options)).toBeUndefined();
  });

  it('prefers the nearer candidate, then the earlier one', () => {
    expect(closestName('maxRetry', ['maxRetries', 'maxRetryAfter'])).toBe('maxRetries');
    expect(closestName('ab', ['ac', 'ad'])).toBe('ac');
    expect(closestName('anything', [])).toBeUndefined();
  });

  it('short names allow one edit only', () => {
    expect(closestName('sty', ['style'])).toBeUndefined();
    expect(closestName('styl', ['style'])).toBe('style');
  });
});
