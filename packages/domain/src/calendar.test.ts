import { describe, expect, it } from 'vitest';
import { calendarYear, OFFICIAL_HOLIDAYS, officialCalendarDays, WorkingCalendar } from './calendar.ts';
import { addDays, weekdayOf } from './weeks.ts';

const calendar = new WorkingCalendar();
const workingDaysOf = (year: number) => calendar.countWorkingDays(`${year}-01-01`, `${year + 1}-01-01`);

describe('the official calendar', () => {
  it('counts each year’s working days as its notice sets them', () => {
    // Weekdays, less the holidays that fall on weekdays, plus the make-up workdays, counted by hand from each notice.
    expect(workingDaysOf(2023)).toBe(260 - 18 + 7);
    expect(workingDaysOf(2024)).toBe(262 - 19 + 8);
    expect(workingDaysOf(2025)).toBe(261 - 18 + 5);
    expect(workingDaysOf(2026)).toBe(261 - 19 + 6);
    // 2027's notice is not out: weekends only.
    expect(workingDaysOf(2027)).toBe(261);
  });

  it('makes every make-up workday a weekend day and every holiday range run forward', () => {
    for (const [year, official] of Object.entries(OFFICIAL_HOLIDAYS)) {
      for (const [, day] of official.workdays) expect(weekdayOf(day), day).toBeGreaterThanOrEqual(6);
      for (const [, first, last] of official.holidays) {
        expect(first <= last, `${first}–${last}`).toBe(true);
        expect(first.startsWith(year), first).toBe(true);
      }
    }
  });

  it('tells holidays, make-up Saturdays and Sundays, and plain days apart', () => {
    const table: [string, boolean][] = [
      ['2024-02-09', true], // 除夕: a Friday the notice leaves to the units
      ['2024-02-12', false], // 春节
      ['2024-02-18', true], // make-up Sunday
      ['2024-05-11', true], // make-up Saturday
      ['2024-05-12', false], // plain Sunday
      ['2025-01-01', false],
      ['2026-01-04', true],
      ['2026-10-08', true],
      ['2027-10-01', true], // no notice yet: a Friday like any other
    ];
    for (const [day, working] of table) expect(calendar.isWorkingDay(day), day).toBe(working);
  });

  it('counts half-open ranges and the days fully passed in between', () => {
    expect(calendar.countWorkingDays('2024-03-04', '2024-03-11')).toBe(5);
    expect(calendar.countWorkingDays('2024-03-11', '2024-03-04')).toBe(0);
    expect(calendar.workingDaysBetween('2024-03-08', '2024-03-12')).toBe(1);
    // 清明 2024: 4–6 April off, Sunday 7 April worked.
    expect(calendar.workingDaysBetween('2024-04-03', '2024-04-08')).toBe(1);
    expect(calendar.addWorkingDays('2024-04-03', 2)).toBe('2024-04-08');
    // Backwards: the previous working day, across the holiday.
    expect(calendar.addWorkingDays('2024-04-08', -1)).toBe('2024-04-07');
    expect(calendar.addWorkingDays('2024-04-07', -1)).toBe('2024-04-03');
    expect(calendar.addWorkingDays('2024-04-08', -2)).toBe('2024-04-03');
  });

  it('lets the organisation override a day either way', () => {
    const local = new WorkingCalendar([
      { day: '2024-03-08', kind: 'holiday', name: '县庆' },
      { day: '2024-02-12', kind: 'workday', name: '防汛值守' },
    ]);
    expect(local.isWorkingDay('2024-03-08')).toBe(false);
    expect(local.isWorkingDay('2024-02-12')).toBe(true);
    expect(local.countWorkingDays('2024-01-01', '2025-01-01')).toBe(workingDaysOf(2024));
  });

  it('lists a year with its notice, and local days over official ones', () => {
    const local = new WorkingCalendar([{ day: '2026-10-08', kind: 'holiday', name: '补休' }]);
    const year = calendarYear(2026, local);
    expect(year.notice?.issued).toBe('2025-11-04');
    expect(year.days.find((d) => d.day === '2026-02-14')).toEqual({
      day: '2026-02-14',
      kind: 'workday',
      name: 'springFestival',
      origin: 'official',
    });
    expect(year.days.find((d) => d.day === '2026-10-08')?.origin).toBe('local');
    expect(year.workingDays).toBe(workingDaysOf(2026) - 1);
    expect(calendarYear(2027, calendar)).toMatchObject({ notice: null, days: [] });
    expect(officialCalendarDays(2024).filter((d) => d.kind === 'holiday')).toHaveLength(1 + 8 + 3 + 5 + 1 + 3 + 7);
  });

  it('refuses days outside the span it covers', () => {
    expect(() => calendar.isWorkingDay('1999-12-31')).toThrow(RangeError);
    expect(calendar.isWorkingDay(addDays('2099-12-31', 0))).toBe(true);
  });
});
