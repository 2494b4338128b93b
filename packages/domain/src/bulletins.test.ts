import { describe, expect, it } from 'vitest';
import { bulletinIssue, defaultBulletinTitle, issuingOffice, ZUpdateBulletin } from './bulletins.ts';

describe('a bulletin’s issue, title and issuing office', () => {
  it.each([
    ['2026-W01', { year: 2026, number: 1 }],
    ['2026-W48', { year: 2026, number: 48 }],
    // ISO week-numbering year: 2020-12-31 lies in 2020-W53, 2021-01-01 too.
    ['2020-W53', { year: 2020, number: 53 }],
  ])('numbers %s as its ISO week', (week, issue) => {
    expect(bulletinIssue(week)).toEqual(issue);
  });

  it('titles a generated draft by its week', () => {
    expect(defaultBulletinTitle('2026-W05')).toBe('关于2026年第5周全县重点任务推进情况的通报');
  });

  it.each([
    ['示范县', '示范县委县政府督查室'],
    ['某某区', '某某区委区政府督查室'],
    ['某某市', '某某市委市政府督查室'],
    ['某某旗', '某某旗委旗政府督查室'],
  ])('is issued for %s by %s', (county, office) => {
    expect(issuingOffice(county)).toBe(office);
  });
});

describe('editing a draft', () => {
  it('takes a title and a foreword, a null foreword removes it, and nothing else', () => {
    expect(ZUpdateBulletin.parse({ title: ' 标题 ', foreword: null })).toEqual({ title: '标题', foreword: null });
    expect(ZUpdateBulletin.safeParse({ title: '' }).success).toBe(false);
    expect(ZUpdateBulletin.safeParse({ foreword: 'x'.repeat(4001) }).success).toBe(false);
    expect(ZUpdateBulletin.safeParse({ content: {} }).success).toBe(false);
  });
});
