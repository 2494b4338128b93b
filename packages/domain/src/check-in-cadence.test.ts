import { describe, expect, it } from 'vitest';
import {
  checkInDue,
  isOwnerOverdue,
  MILESTONE_WINDOW_DAYS,
  milestonesDueSoon,
  type TCadenceInput,
} from './check-in-cadence.ts';

// Week 2023-W06 runs from Monday 2023-02-06 to Sunday 2023-02-12.
const MON = '2023-02-06';
const TUE = '2023-02-07';
const FRI = '2023-02-10';
const SAT = '2023-02-11';
const SUN = '2023-02-12';

type TMilestones = TCadenceInput['milestones'];
const pending = (dueDate: string) => ({ dueDate, state: 'pending' as const });
const done = (dueDate: string) => ({ dueDate, state: 'done' as const });

describe('checkInDue: daily', () => {
  it.each<[string, string, string | null, TMilestones, 'daily' | null]>([
    ['Monday, never reported', MON, null, [], 'daily'],
    ['Monday, last report on Friday', MON, '2023-02-03', [], 'daily'],
    ['Monday, reported today', MON, MON, [], null],
    ['Friday, reported yesterday', FRI, '2023-02-09', [], 'daily'],
    ['Friday, reported today', FRI, FRI, [], null],
    ['a later check-in (offline clock) counts as today', MON, TUE, [], null],
    ['Saturday, never reported', SAT, null, [], null],
    ['Sunday, last report a week ago', SUN, '2023-02-01', [], null],
    ['Monday with a milestone due: still only the daily ask', MON, null, [pending(TUE)], 'daily'],
  ])('%s', (_, today, lastCheckInDay, milestones, expected) => {
    expect(checkInDue({ cadence: 'daily', today, lastCheckInDay, milestones })).toBe(expected);
  });

  it('follows the working-day calendar: nothing on a holiday Monday, a check-in on a make-up Saturday', () => {
    expect(
      checkInDue({ cadence: 'daily', today: MON, lastCheckInDay: null, milestones: [], isWorkingDay: false }),
    ).toBe(null);
    expect(checkInDue({ cadence: 'daily', today: SAT, lastCheckInDay: null, milestones: [], isWorkingDay: true })).toBe(
      'daily',
    );
  });
});

describe('checkInDue: weekly', () => {
  it.each<[string, string, string | null, 'weekly' | null]>([
    ['Monday, never reported', MON, null, 'weekly'],
    ['Monday, last report on the Sunday before', MON, '2023-02-05', 'weekly'],
    ['Monday, reported today', MON, MON, null],
    ['Friday, reported on Monday', FRI, MON, null],
    ['Sunday, reported on Monday of the same week', SUN, MON, null],
    ['Saturday, not yet reported this week', SAT, '2023-02-05', 'weekly'],
    ['Sunday, reported on Saturday', SUN, SAT, null],
    ['Sunday 2023-01-01 is in 2022-W52: reported on its Monday', '2023-01-01', '2022-12-26', null],
    ['Sunday 2023-01-01 is in 2022-W52: last report the week before', '2023-01-01', '2022-12-25', 'weekly'],
    ['Sunday 2021-01-03 is in 2020-W53: reported on its Monday', '2021-01-03', '2020-12-28', null],
    ['Monday 2021-01-04 starts 2021-W01', '2021-01-04', '2021-01-03', 'weekly'],
  ])('%s', (_, today, lastCheckInDay, expected) => {
    expect(checkInDue({ cadence: 'weekly', today, lastCheckInDay, milestones: [] })).toBe(expected);
  });
});

describe('checkInDue: milestone', () => {
  it('uses a seven-day window', () => {
    expect(MILESTONE_WINDOW_DAYS).toBe(7);
  });

  // Today is Monday 2023-02-06; a milestone due 2023-02-13 opens its window today.
  it.each<[string, string | null, TMilestones, 'milestone' | null]>([
    ['no milestones', null, [], null],
    ['due in 8 days: window not yet open', null, [pending('2023-02-14')], null],
    ['due in 7 days, never reported', null, [pending('2023-02-13')], 'milestone'],
    ['due in 7 days, reported today (window start)', MON, [pending('2023-02-13')], null],
    ['due in 7 days, reported the day before the window', '2023-02-05', [pending('2023-02-13')], 'milestone'],
    ['due in 7 days but done', null, [done('2023-02-13')], null],
    ['due today, never reported', null, [pending(MON)], 'milestone'],
    ['overdue, reported on its window start', '2023-01-24', [pending('2023-01-31')], null],
    ['overdue, reported just before its window', '2023-01-23', [pending('2023-01-31')], 'milestone'],
    ['overdue long ago, never reported', null, [pending('2022-06-30')], 'milestone'],
    [
      'two in the window: the report covers the earlier one only',
      '2023-02-02',
      [pending('2023-02-13'), pending('2023-02-08')],
      'milestone',
    ],
    ['two in the window: one report inside both windows', MON, [pending('2023-02-13'), pending('2023-02-08')], null],
    ['a done milestone in the window does not ask', '2023-01-01', [done('2023-02-08'), pending('2023-03-01')], null],
  ])('%s', (_, lastCheckInDay, milestones, expected) => {
    expect(checkInDue({ cadence: 'milestone', today: MON, lastCheckInDay, milestones })).toBe(expected);
  });

  it('asks on any day of the week, weekends included', () => {
    const input = { cadence: 'milestone' as const, lastCheckInDay: null, milestones: [pending('2023-02-13')] };
    expect(checkInDue({ ...input, today: SAT })).toBe('milestone');
    expect(checkInDue({ ...input, today: SUN })).toBe('milestone');
  });

  it('asks nothing when there is no milestone near, however long since the last report', () => {
    expect(
      checkInDue({ cadence: 'milestone', today: MON, lastCheckInDay: null, milestones: [pending('2023-06-30')] }),
    ).toBe(null);
  });
});

describe('milestonesDueSoon', () => {
  const milestones = [
    { id: 'a', dueDate: '2023-02-13', state: 'pending' },
    { id: 'b', dueDate: '2023-02-14', state: 'pending' },
    { id: 'c', dueDate: '2023-01-15', state: 'pending' },
    { id: 'd', dueDate: '2023-02-08', state: 'done' },
    { id: 'e', dueDate: MON, state: 'pending' },
  ];

  it('keeps pending ones due within the window or overdue, earliest first, with their own fields', () => {
    expect(milestonesDueSoon(milestones, MON).map((milestone) => milestone.id)).toEqual(['c', 'e', 'a']);
  });

  it('leaves the given list as it was', () => {
    const before = milestones.map((milestone) => milestone.id);
    milestonesDueSoon(milestones, MON);
    expect(milestones.map((milestone) => milestone.id)).toEqual(before);
  });

  it('is empty when nothing is near', () => {
    expect(milestonesDueSoon(milestones, '2022-12-01')).toEqual([]);
  });
});

describe('isOwnerOverdue', () => {
  const input = { today: MON, previousWorkingDay: '2023-02-03', milestones: [] };

  it.each<[string, string, boolean]>([
    ['daily: heard of on the previous working day (Friday)', '2023-02-03', false],
    ['daily: heard of today', MON, false],
    ['daily: last heard of on Thursday, Friday passed without a report', '2023-02-02', true],
  ])('%s', (_, lastHeardOfDay, expected) => {
    expect(isOwnerOverdue({ ...input, cadence: 'daily', lastHeardOfDay })).toBe(expected);
  });

  it('daily: a holiday before today moves the previous working day back', () => {
    expect(
      isOwnerOverdue({ ...input, cadence: 'daily', previousWorkingDay: '2023-01-20', lastHeardOfDay: '2023-01-20' }),
    ).toBe(false);
  });

  // Today is Monday of 2023-W06; last week ran from Monday 2023-01-30 to Sunday 2023-02-05.
  it.each<[string, string, string, boolean]>([
    ['weekly: reported last Monday', MON, '2023-01-30', false],
    ['weekly: reported last Sunday', TUE, '2023-02-05', false],
    ['weekly: acknowledged in the middle of last week, no report since', FRI, '2023-02-01', false],
    ['weekly: last heard of two weeks ago, last week passed', MON, '2023-01-29', true],
    ['weekly: last heard of two weeks ago, on Sunday of this week', SUN, '2023-01-27', true],
  ])('%s', (_, today, lastHeardOfDay, expected) => {
    expect(isOwnerOverdue({ ...input, today, cadence: 'weekly', lastHeardOfDay })).toBe(expected);
  });

  it.each<[string, string, TMilestones, boolean]>([
    ['milestone: none passed', '2023-01-01', [pending('2023-02-10')], false],
    ['milestone: due today is not yet passed', '2023-01-01', [pending(MON)], false],
    ['milestone: passed without a report in its window', '2023-01-27', [pending('2023-02-05')], true],
    ['milestone: passed, reported on its window start', '2023-01-29', [pending('2023-02-05')], false],
    ['milestone: passed but reached', '2023-01-01', [done('2023-02-05')], false],
  ])('%s', (_, lastHeardOfDay, milestones, expected) => {
    expect(isOwnerOverdue({ ...input, cadence: 'milestone', lastHeardOfDay, milestones })).toBe(expected);
  });
});
