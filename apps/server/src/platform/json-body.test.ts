import { describe, expect, it } from 'vitest';
import { measureJsonDepth } from './json-body.ts';

describe('measureJsonDepth', () => {
  it.each([
    ['1', 0],
    ['"[[[{"', 0],
    ['{"a":[1,{"b":[]}]}', 4],
    ['["\\"[", [[]]]', 3],
    [`${'['.repeat(5000)}${']'.repeat(5000)}`, 5000],
  ])('%s → %i', (text, expected) => {
    expect(measureJsonDepth(text)).toBe(expected);
  });
});
