import { describe, expect, it } from 'vitest';
import {
  CADENCE_LABELS,
  FRONT_LINE_LABELS,
  PRIORITY_LABELS,
  parseLabel,
  TASK_SOURCE_LABELS,
  TASK_STATE_LABELS,
} from './task-labels.ts';
import { TASK_STATES } from './task-lifecycle.ts';
import { CADENCES, FRONT_LINES, PRIORITIES, TASK_SOURCES } from './tasks.ts';

describe('task labels', () => {
  it.each([
    ['sources', TASK_SOURCES, TASK_SOURCE_LABELS],
    ['front lines', FRONT_LINES, FRONT_LINE_LABELS],
    ['priorities', PRIORITIES, PRIORITY_LABELS],
    ['cadences', CADENCES, CADENCE_LABELS],
    ['states', TASK_STATES, TASK_STATE_LABELS],
  ] as const)('names every one of the %s once, in Chinese', (_name, codes, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...codes].sort());
    const names = Object.values(labels);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[\u4e00-\u9fff]+$/);
  });

  it.each([
    ['民生实事', 'livelihood'],
    [' 常委会议定 ', 'committeeDecision'],
    ['livelihood', 'livelihood'],
    ['LIVELIHOOD', 'livelihood'],
    ['民生', undefined],
    ['', undefined],
  ])('reads %j as %s', (text, code) => {
    expect(parseLabel(TASK_SOURCE_LABELS, text)).toBe(code);
  });
});
