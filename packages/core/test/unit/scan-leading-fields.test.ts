import { describe, expect, it } from 'vitest';
import { scanLeadingFields, skipWhitespace } from '../../src/parse/scan-leading-fields.js';
import { seededRandom } from '../support/seeded-random.js';

// The scan reads keys and values without `JSON.parse` when it can, and says an object needs no `JSON.parse` at all
// when it checked every member (`unchecked: false`). These properties hold that shortcut to what JSON.parse says.

const STRING_PARTS = [
  'a',
  'code',
  'Message',
  ' ',
  '\\"',
  '\\\\',
  '\\n',
  '\\u0041',
  '\\ud800',
  'é',
  '\u0001',
  '\t',
  '/',
];
const SCALARS = ['0', '-1', '12.5', '1e3', '01', '1.', '-', 'true', 'false', 'null', 'tru', 'nul', 'NaN'];
const MUTATIONS = ['"', '\\', '{', '}', '[', ']', ',', ':', ' ', 'x', '0', '\n', '\u0002'];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function stringLiteral(next: () => number): string {
  let text = '"';
  const parts = Math.floor(next() * 4);
  for (let index = 0; index < parts; index += 1) text += pick(next, STRING_PARTS);
  return `${text}"`;
}

function value(next: () => number, depth: number): string {
  const choice = next();
  if (choice < 0.5) return stringLiteral(next);
  if (choice < 0.8 || depth > 1) return pick(next, SCALARS);
  if (choice < 0.9) return object(next, depth + 1);
  return `[${value(next, depth + 1)}]`;
}

function object(next: () => number, depth = 0): string {
  const members: string[] = [];
  const count = Math.floor(next() * 5);
  for (let index = 0; index < count; index += 1) {
    members.push(`${stringLiteral(next)}${next() < 0.2 ? ' : ' : ':'}${value(next, depth)}`);
  }
  return `{${members.join(next() < 0.2 ? ' , ' : ',')}}`;
}

function mutate(next: () => number, text: string): string {
  const at = Math.floor(next() * (text.length + 1));
  const kind = next();
  if (kind < 0.33) return text.slice(0, at) + pick(next, MUTATIONS) + text.slice(at);
  if (kind < 0.66) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + pick(next, MUTATIONS) + text.slice(at + 1);
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('scanLeadingFields', () => {
  it('calls an object checked only when JSON.parse accepts it, and reads its strings as JSON.parse does', () => {
    const next = seededRandom(20261201);
    let checkedWhole = 0;
    let uncheckedWhole = 0;
    for (let round = 0; round < 20_000; round += 1) {
      let text = object(next);
      const mutations = Math.floor(next() * 3);
      for (let index = 0; index < mutations; index += 1) text = mutate(next, text);
      const start = skipWhitespace(text, 0);
      const scan = scanLeadingFields(text, start);
      if (scan === undefined || scan.end === -1) continue;
      const slice = text.slice(start, scan.end);
      if (scan.unchecked === false) {
        checkedWhole += 1;
        expect(parses(slice), slice).toBe(true);
      } else {
        uncheckedWhole += 1;
      }
      if (!parses(slice)) continue;
      const parsed = JSON.parse(slice) as Record<string, unknown>;
      for (const member of scan.members) {
        const sameKey = scan.members.filter((other) => other.key === member.key);
        if (sameKey.length !== 1) continue;
        if (member.kind === 'string') expect(member.value, slice).toBe(parsed[member.key]);
        else if (member.kind !== 'object' && member.kind !== 'array')
          expect(JSON.parse(member.value), slice).toStrictEqual(parsed[member.key]);
      }
    }
    // Both branches were taken often enough for the property to mean something.
    expect(checkedWhole).toBeGreaterThan(2_000);
    expect(uncheckedWhole).toBeGreaterThan(2_000);
  });

  it('checks a typical body by itself and leaves a nested or doubtful value to JSON.parse', () => {
    const typical = '{"code":"NoSuchKey","message":"The key \\"a\\" does not exist","requestId":"id-1","n":404}';
    expect(scanLeadingFields(typical)).toMatchObject({ end: typical.length, unchecked: false });
    expect(scanLeadingFields('{"code":"a","detail":{"x":1}}')?.unchecked).toBe(true);
    expect(scanLeadingFields('{"code":"a","n":01}')?.unchecked).toBe(true);
    // A raw control character is invalid in a JSON string: the scan does not take such a string as it is.
    expect(scanLeadingFields('{"code":"a\u0001b"}')?.end).toBe(-1);
  });
});
