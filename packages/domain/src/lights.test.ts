import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './calendar.ts';
import {
  computeLight,
  computeMilestoneLight,
  DEFAULT_LIGHT_RULES,
  lightOfCounts,
  lightRulesConflict,
  missedReports,
  type TLightInput,
  worstLight,
} from './lights.ts';

const calendar = new WorkingCalendar();
const rules = DEFAULT_LIGHT_RULES;

/** A task of March 2024: 20 working days from Monday 4 to Friday 29, reported on its first day. */
const task = (over: Partial<TLightInput>): TLightInput => ({
  state: 'inProgress',
  cadence: 'weekly',
  startDate: '2024-03-04',
  dueDate: '2024-03-29',
  progress: 50,
  assignedOn: '2024-03-01',
  lastReportOn: '2024-03-04',
  milestones: [],
  today: '2024-03-06',
  ...over,
});
const light = (over: Partial<TLightInput>) => {
  const result = computeLight(calendar, rules, task(over));
  return [result.light, result.rules];
};

describe('computeLight', () => {
  it('is done when closed, and has none for a draft or a cancelled task', () => {
    expect(light({ state: 'closed', today: '2024-04-30' })).toEqual(['done', ['closed']]);
    expect(light({ state: 'draft' })).toEqual([null, []]);
    expect(light({ state: 'cancelled', today: '2024-04-30' })).toEqual([null, []]);
  });

  it('turns red the day after the due date, not on it', () => {
    const last = { lastReportOn: '2024-03-28' };
    expect(light({ ...last, today: '2024-03-28', progress: 80 })).toEqual(['green', []]);
    expect(light({ ...last, today: '2024-03-28', progress: 79 })).toEqual(['yellow', ['dueSoon']]);
    expect(light({ ...last, today: '2024-03-29', progress: 90 })).toEqual(['green', []]);
    expect(light({ ...last, today: '2024-03-30', progress: 99 })).toEqual(['red', ['pastDue']]);
    expect(light({ ...last, state: 'closeRequested', today: '2024-03-30', progress: 100 })).toEqual([
      'red',
      ['pastDue'],
    ]);
  });

  it('measures pace in working days: behind by more than 15 yellow, more than 30 red', () => {
    // Monday 18 March: 10 of 20 working days gone, so 50 expected.
    const on = { today: '2024-03-18', lastReportOn: '2024-03-15' };
    expect(computeLight(calendar, rules, task({ ...on, progress: 35 })).facts).toMatchObject({
      expectedPace: 50,
      behindPace: 15,
    });
    expect(light({ ...on, progress: 35 })).toEqual(['green', []]);
    expect(light({ ...on, progress: 34 })).toEqual(['yellow', ['behindPace']]);
    expect(light({ ...on, progress: 20 })).toEqual(['yellow', ['behindPace']]);
    expect(light({ ...on, progress: 19 })).toEqual(['red', ['behindPace']]);
  });

  it('counts the days to the due date in working days across a holiday and a make-up Sunday', () => {
    // Due Monday 8 April 2024; from Tuesday 2 April: Wed 3, Sun 7 (worked), Mon 8 — three working days.
    const near = { startDate: '2024-03-01', dueDate: '2024-04-08', today: '2024-04-02', lastReportOn: '2024-04-01' };
    expect(light({ ...near, progress: 79 })).toEqual(['yellow', ['dueSoon']]);
    expect(computeLight(calendar, rules, task({ ...near, progress: 90 })).facts.workingDaysToDue).toBe(3);
    expect(light({ ...near, today: '2024-04-01', lastReportOn: '2024-03-29', progress: 79 })).toEqual(['green', []]);
  });

  it('counts missed weekly reports by ISO week, skipping a week with no working day', () => {
    expect(light({ today: '2024-03-19', lastReportOn: '2024-03-05', progress: 40 })).toEqual(['green', []]);
    expect(light({ today: '2024-03-26', lastReportOn: '2024-03-05', progress: 80 })).toEqual([
      'yellow',
      ['missedReports'],
    ]);
    expect(light({ today: '2024-03-25', lastReportOn: '2024-03-04', progress: 80 })).toEqual([
      'yellow',
      ['missedReports'],
    ]);
    const quiet = { cadence: 'weekly' as const, lastReportOn: '2024-03-04', milestones: [] };
    expect(missedReports(calendar, { ...quiet, today: '2024-04-01' })).toBe(3);
    // Spring Festival 2026: the week of 16–22 February has no working day and asks for nothing.
    expect(missedReports(calendar, { ...quiet, lastReportOn: '2026-02-11', today: '2026-03-02' })).toBe(1);
  });

  it('counts missed daily reports in working days, a make-up Saturday included', () => {
    const daily = { cadence: 'daily' as const, milestones: [] };
    expect(missedReports(calendar, { ...daily, lastReportOn: '2024-03-08', today: '2024-03-12' })).toBe(1);
    expect(light({ ...daily, lastReportOn: '2024-03-08', today: '2024-03-13', progress: 45 })).toEqual([
      'yellow',
      ['missedReports'],
    ]);
    expect(light({ ...daily, lastReportOn: '2024-03-08', today: '2024-03-14', progress: 45 })).toEqual([
      'red',
      ['missedReports'],
    ]);
    expect(missedReports(calendar, { ...daily, lastReportOn: '2024-05-10', today: '2024-05-13' })).toBe(1);
  });

  it('counts missed milestone reports as milestones that fell due since the last report', () => {
    const milestones = [
      { dueDate: '2024-03-10', state: 'pending' as const },
      { dueDate: '2024-03-20', state: 'done' as const },
      { dueDate: '2024-03-27', state: 'pending' as const },
    ];
    const input = { cadence: 'milestone' as const, lastReportOn: '2024-03-05', milestones };
    expect(missedReports(calendar, { ...input, today: '2024-03-20' })).toBe(1);
    expect(missedReports(calendar, { ...input, today: '2024-03-21' })).toBe(2);
    expect(missedReports(calendar, { ...input, today: '2024-03-28' })).toBe(3);
  });

  it('lights yellow an assignment not acknowledged within 2 working days', () => {
    const assigned = { state: 'assigned' as const, lastReportOn: null, assignedOn: '2024-03-04' };
    expect(light({ ...assigned, today: '2024-03-06' })).toEqual(['green', []]);
    expect(light({ ...assigned, today: '2024-03-07' })).toEqual(['yellow', ['notAcknowledged']]);
    // Assigned the day before 清明 2024: the holidays do not count, the make-up Sunday does.
    const holiday = { ...assigned, startDate: '2024-04-01', dueDate: '2024-06-28', assignedOn: '2024-04-03' };
    expect(light({ ...holiday, today: '2024-04-08' })).toEqual(['green', []]);
    expect(light({ ...holiday, today: '2024-04-09' })).toEqual(['yellow', ['notAcknowledged']]);
  });

  it('names every rule that fired at the worst colour, and keeps the figures', () => {
    const result = computeLight(
      calendar,
      rules,
      task({ cadence: 'daily', today: '2024-03-28', lastReportOn: '2024-03-20', progress: 10 }),
    );
    expect(result.light).toBe('red');
    expect(result.rules).toEqual(['behindPace', 'missedReports']);
    expect(result.facts).toEqual({
      today: '2024-03-28',
      progress: 10,
      expectedPace: 90,
      behindPace: 80,
      missedReports: 5,
      workingDaysToDue: 1,
      workingDaysUnacknowledged: null,
    });
  });

  it('follows thresholds other than the defaults', () => {
    const strict = { ...rules, yellowBehindPace: 5, redBehindPace: 10 };
    const input = task({ today: '2024-03-18', lastReportOn: '2024-03-15', progress: 44 });
    expect(computeLight(calendar, strict, input).light).toBe('yellow');
    expect(computeLight(calendar, strict, { ...input, progress: 39 }).light).toBe('red');
  });
});

describe('milestone lights, worst-of and rules that contradict', () => {
  it('lights a milestone by its own due date', () => {
    const due = { dueDate: '2024-03-29', state: 'pending' as const };
    expect(computeMilestoneLight(calendar, rules, due, '2024-03-20')).toBe('green');
    expect(computeMilestoneLight(calendar, rules, due, '2024-03-26')).toBe('yellow');
    expect(computeMilestoneLight(calendar, rules, due, '2024-03-30')).toBe('red');
    expect(computeMilestoneLight(calendar, rules, { ...due, state: 'done' }, '2024-03-30')).toBe('done');
  });

  it('takes the worst light, and a unit’s light from its counts', () => {
    expect(worstLight(['green', null, 'yellow', 'done'])).toBe('yellow');
    expect(worstLight([])).toBeNull();
    expect(lightOfCounts({ green: 3, yellow: 0, red: 1, done: 4 })).toBe('red');
    expect(lightOfCounts({ green: 0, yellow: 0, red: 0, done: 4 })).toBe('done');
    expect(lightOfCounts({ green: 0, yellow: 0, red: 0, done: 0 })).toBeNull();
  });

  it('names the field when yellow would come after red', () => {
    expect(lightRulesConflict(rules)).toBeNull();
    expect(lightRulesConflict({ ...rules, yellowBehindPace: 30 })?.field).toBe('yellowBehindPace');
    expect(lightRulesConflict({ ...rules, yellowMissedReports: 4 })?.field).toBe('yellowMissedReports');
    expect(lightRulesConflict({ ...rules, admonishRedDays: 7 })?.field).toBe('supervisionNoticeRedDays');
  });
});
