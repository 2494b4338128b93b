import { describe, expect, it } from 'vitest';
import { canonicalJson } from './audit.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });
  it('gives the same text for the same value whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: '县' })).toBe(canonicalJson({ y: '县', x: 1 }));
  });
  it('drops undefined properties, keeps null, writes dates as ISO text', () => {
    expect(canonicalJson({ a: undefined, b: null, at: new Date('2023-02-01T00:00:00Z') })).toBe(
      '{"at":"2023-02-01T00:00:00.000Z","b":null}',
    );
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson(undefined)).toBe('null');
  });
  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ s: 'a"b\n' })).toBe('{"s":"a\\"b\\n"}');
  });
});
