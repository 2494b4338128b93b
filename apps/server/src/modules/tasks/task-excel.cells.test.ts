import { describe, expect, it } from 'vitest';
import {
  parseDateCell,
  parseIndicatorsCell,
  parseMilestonesCell,
  readCellText,
  splitCellList,
} from './task-excel.cells.ts';
import { formatAttachmentDisposition, measureDisplayWidth, normaliseHeader } from './task-excel.columns.ts';

describe('reading cells', () => {
  it.each([
    [null, ''],
    ['  修路 ', '修路'],
    [12, '12'],
    [new Date('2026-05-31T00:00:00Z'), '2026-05-31'],
    [{ richText: [{ text: '城关' }, { text: '镇' }] }, '城关镇'],
    [{ text: '县财政局', hyperlink: 'https://example.org' }, '县财政局'],
    [{ formula: 'A1', result: '县教育局' }, '县教育局'],
    [{ error: '#N/A' as const }, '#N/A'],
  ])('reads %j as %j', (value, text) => {
    expect(readCellText(value)).toBe(text);
  });

  it('splits lists on 、，, and ； without blanks or repeats', () => {
    expect(splitCellList('十件大事、民生实事，招商,重点；民生实事;; ')).toEqual([
      '十件大事',
      '民生实事',
      '招商',
      '重点',
    ]);
    expect(splitCellList('完成投资:1,000万元；新增:5', 'entries')).toEqual(['完成投资:1,000万元', '新增:5']);
    expect(splitCellList('')).toEqual([]);
  });
});

describe('dates', () => {
  it.each([
    [new Date('2026-05-31T00:00:00Z'), '2026-05-31'],
    [new Date('2026-05-31T13:30:00Z'), '2026-05-31'],
    [46_173, '2026-05-31'],
    [46_173.75, '2026-05-31'],
    ['2026-05-31', '2026-05-31'],
    ['2026/5/1', '2026-05-01'],
    ['2026.05.01', '2026-05-01'],
    ['2026年5月1日', '2026-05-01'],
    ['２０２６－０５－３１', '2026-05-31'],
    [{ formula: 'DATE(2026,5,31)', result: new Date('2026-05-31T00:00:00Z') }, '2026-05-31'],
  ])('reads %j as %s', (value, iso) => {
    expect(parseDateCell(value)).toEqual({ ok: true, value: iso });
  });

  it.each([['2026-02-30'], ['2026-13-01'], ['明天'], ['2026'], [2026], [''], [null], [true]])('refuses %j', (value) => {
    expect(parseDateCell(value).ok).toBe(false);
  });
});

describe('indicators', () => {
  it('reads name:number+unit entries', () => {
    expect(parseIndicatorsCell('新增市场主体:1000户；完成投资：5亿元;达标率: 95.5%；户数:1,200；净增:-3')).toEqual({
      ok: true,
      value: [
        { name: '新增市场主体', target: 1000, unit: '户' },
        { name: '完成投资', target: 5, unit: '亿元' },
        { name: '达标率', target: 95.5, unit: '%' },
        { name: '户数', target: 1200 },
        { name: '净增', target: -3 },
      ],
    });
    expect(parseIndicatorsCell('')).toEqual({ ok: true, value: [] });
  });

  it.each([['投资五亿'], [':5亿元'], ['投资:五亿'], ['投资:']])('refuses %s, showing the form', (text) => {
    const result = parseIndicatorsCell(`改造:12个；${text}`);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('名称:数值单位') });
  });
});

describe('milestones', () => {
  it('reads title@date, with an optional #weight', () => {
    expect(parseMilestonesCell('完成设计@2026-05-31；完成施工＠2026/11/30#3;邮箱a@b 验收@2026年12月1日 # 0')).toEqual({
      ok: true,
      value: [
        { title: '完成设计', dueDate: '2026-05-31' },
        { title: '完成施工', dueDate: '2026-11-30', weight: 3 },
        { title: '邮箱a@b 验收', dueDate: '2026-12-01', weight: 0 },
      ],
    });
  });

  it.each([
    ['完成设计', '应写成 名称@日期'],
    ['@2026-05-31', '应写成 名称@日期'],
    ['完成设计@下月', '节点「完成设计」：「下月」不是日期'],
    ['完成设计@2026-05-31#重', '权重应为 0–100 的整数'],
    ['完成设计@2026-05-31#1#2', '应写成 名称@日期'],
  ])('refuses %s', (text, message) => {
    expect(parseMilestonesCell(text)).toEqual({ ok: false, message: expect.stringContaining(message) });
  });
});

describe('headers and downloads', () => {
  it('reads a header without its required mark or spaces', () => {
    expect(normaliseHeader(' 任务名称* ')).toBe('任务名称');
    expect(normaliseHeader('截止\n日期＊')).toBe('截止日期');
  });

  it('counts a Chinese character as two columns', () => {
    expect(measureDisplayWidth('城关镇 A1')).toBe(9);
  });

  it('gives an ASCII file name and the real one percent-encoded', () => {
    expect(formatAttachmentDisposition('tasks 2026.xlsx', "督办(任务)'s.xlsx")).toBe(
      `attachment; filename="tasks_2026.xlsx"; filename*=UTF-8''%E7%9D%A3%E5%8A%9E%28%E4%BB%BB%E5%8A%A1%29%27s.xlsx`,
    );
  });
});
