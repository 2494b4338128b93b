import { describe, expect, it } from 'vitest';
import { checkPassword, DEFAULT_SETTINGS } from './settings.ts';

describe('checkPassword', () => {
  const policy = DEFAULT_SETTINGS.passwordPolicy;
  it.each([
    ['', 'tooShort'],
    ['Ab1-xyz', 'tooShort'],
    ['abcdefgh', 'tooSimple'],
    ['abcdefg1', 'tooSimple'],
    ['ABCDEFG1', 'tooSimple'],
    ['Abcdefg1', null],
    ['abcdef-1', null],
    ['ABCDEF-g', null],
    ['密码密码密码密码', 'tooSimple'],
    ['密码Ab1密码密码', null],
    ['Duban-demo-2023', null],
  ])('%j → %s', (password, expected) => {
    expect(checkPassword(password, policy)).toBe(expected);
  });

  it('counts characters, not UTF-16 units, for the length', () => {
    expect(checkPassword('𠀀𠀀𠀀Aa1', { minLength: 8, minClasses: 3 })).toBe('tooShort');
  });

  it('follows a stricter policy', () => {
    expect(checkPassword('Abcdefg1', { minLength: 12, minClasses: 3 })).toBe('tooShort');
    expect(checkPassword('Abcdefghijk1', { minLength: 12, minClasses: 4 })).toBe('tooSimple');
  });
});
