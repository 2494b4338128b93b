import { describe, expect, it } from 'vitest';
import { findUnstorableText } from './storable-text.ts';

describe('findUnstorableText', () => {
  it.each([
    [{ title: 'ok 中文 😀' }, null],
    [{ title: 'a\u0000b' }, 'title'],
    [{ title: '\ud800' }, 'title'],
    [{ title: 'x\udc00' }, 'title'],
    [{ title: '\ud83d\ude00\ud83d' }, 'title'],
    [{ charter: { deliverables: ['ok', 'bad\u0000'] } }, 'charter.deliverables.1'],
    [['fine', { q: '\u0000' }], '1.q'],
    ['\u0000', 'body'],
    [undefined, null],
    [{ n: 3, flag: true, none: null }, null],
  ])('%j → %s', (value, expected) => {
    expect(findUnstorableText(value)).toBe(expected);
  });
});
