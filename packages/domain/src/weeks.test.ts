import { describe, expect, it } from 'vitest';
import { zWeek } from './week-schemas.ts';
import {
  addDays,
  daysBetween,
  isoWeekOf,
  isValidWeek,
  localDay,
  nextWeek,
  previousWeek,
  weekDays,
  weekdayOf,
  weekInstants,
  weekOfInstant,
} from './weeks.ts';

describe('localDay', () => {
  it.each([
    ['2023-02-05T15:59:59.999Z', '2023-02-05'],
    ['2023-02-05T16:00:00.000Z', '2023-02-06'],
    ['2023-02-05T00:00:00.000Z', '2023-02-05'],
    ['2022-12-31T15:59:59.999Z', '2022-12-31'],
    ['2022-12-31T16:00:00.000Z', '2023-01-01'],
    ['2024-02-28T16:00:00.000Z', '2024-02-29'],
    ['1969-12-31T16:00:00.000Z', '1970-01-01'],
    ['1969-12-31T15:59:59.999Z', '1969-12-31'],
    ['2023-02-06T08:00:00+08:00', '2023-02-06'],
  ])('%s → %s', (instant, day) => {
    expect(localDay(new Date(instant))).toBe(day);
  });

  it('refuses an invalid date', () => {
    expect(() => localDay(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('isoWeekOf', () => {
  it.each([
    ['2020-12-31', '2020-W53'],
    ['2021-01-01', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2023-01-01', '2022-W52'],
    ['2023-01-02', '2023-W01'],
    ['2023-01-30', '2023-W05'],
    ['2023-02-05', '2023-W05'],
    ['2023-02-06', '2023-W06'],
    ['2024-12-29', '2024-W52'],
    ['2024-12-30', '2025-W01'],
    ['2025-12-29', '2026-W01'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2008-12-29', '2009-W01'],
    ['2010-01-03', '2009-W53'],
  ])('%s → %s', (day, week) => {
    expect(isoWeekOf(day)).toBe(week);
  });

  it.each(['2023-02-29', '2023-13-01', '2023-00-10', '2023-1-05', '20230105', '', '2023-02-05T00:00'])(
    'refuses %j',
    (day) => {
      expect(() => isoWeekOf(day)).toThrow(RangeError);
    },
  );
});

describe('weekdayOf', () => {
  it.each([
    ['2023-01-30', 1],
    ['2023-02-03', 5],
    ['2023-02-04', 6],
    ['2023-02-05', 7],
    ['1970-01-01', 4],
    ['2000-02-29', 2],
  ])('%s → %i', (day, weekday) => {
    expect(weekdayOf(day)).toBe(weekday);
  });
});

describe('weekOfInstant', () => {
  it('takes the week of the Shanghai day, not the UTC day', () => {
    expect(weekOfInstant(new Date('2023-02-05T15:59:59Z'))).toBe('2023-W05');
    expect(weekOfInstant(new Date('2023-02-05T16:00:00Z'))).toBe('2023-W06');
  });
});

describe('weekDays and weekInstants', () => {
  it.each([
    ['2023-W05', '2023-01-30', '2023-02-05'],
    ['2020-W53', '2020-12-28', '2021-01-03'],
    ['2021-W01', '2021-01-04', '2021-01-10'],
    ['2025-W01', '2024-12-30', '2025-01-05'],
    ['2026-W53', '2026-12-28', '2027-01-03'],
  ])('%s runs from %s to %s', (week, first, last) => {
    expect(weekDays(week)).toEqual({ first, last });
  });

  it('gives a week as Monday 00:00 +08:00 to the next Monday, exclusive', () => {
    expect(weekInstants('2023-W05')).toEqual({
      from: new Date('2023-01-29T16:00:00Z'),
      to: new Date('2023-02-05T16:00:00Z'),
    });
  });

  it('puts the bounds of weekInstants in the week and the instant before and at `to` outside it', () => {
    const { from, to } = weekInstants('2020-W53');
    expect(weekOfInstant(from)).toBe('2020-W53');
    expect(weekOfInstant(new Date(from.getTime() - 1))).toBe('2020-W52');
    expect(weekOfInstant(new Date(to.getTime() - 1))).toBe('2020-W53');
    expect(weekOfInstant(to)).toBe('2021-W01');
  });

  it.each(['2021-W53', '2023-W00', '2023-W54', '2023-W5', '2023W05', '2023-w05'])('refuses %j', (week) => {
    expect(() => weekDays(week)).toThrow(RangeError);
    expect(() => weekInstants(week)).toThrow(RangeError);
    expect(() => nextWeek(week)).toThrow(RangeError);
  });
});

describe('previousWeek and nextWeek', () => {
  it.each([
    ['2020-W53', '2021-W01'],
    ['2021-W52', '2022-W01'],
    ['2023-W05', '2023-W06'],
    ['2026-W52', '2026-W53'],
    ['2026-W53', '2027-W01'],
  ])('%s → %s', (week, next) => {
    expect(nextWeek(week)).toBe(next);
    expect(previousWeek(next)).toBe(week);
  });
});

describe('isValidWeek and zWeek', () => {
  it.each([
    ['2020-W53', true],
    ['2021-W53', false],
    ['2026-W53', true],
    ['2027-W53', false],
    ['2023-W01', true],
    ['2023-W52', true],
    ['2023-W00', false],
    ['2023-W54', false],
    ['2023-W5', false],
    ['2023-W005', false],
    ['2023-05', false],
    [' 2023-W05', false],
    ['2023-W05 ', false],
    ['', false],
  ])('%j → %s', (week, valid) => {
    expect(isValidWeek(week)).toBe(valid);
    expect(zWeek.safeParse(week).success).toBe(valid);
  });

  it('names the expected format in its message', () => {
    for (const week of ['2023-5', '2021-W53']) {
      const result = zWeek.safeParse(week);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toContain('YYYY-Www');
    }
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2023-02-05', 1, '2023-02-06'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-01-01', -1, '2023-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2023-02-05', 0, '2023-02-05'],
    ['2023-01-01', 365, '2024-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
  ])('%s + %i → %s', (day, n, result) => {
    expect(addDays(day, n)).toBe(result);
    expect(daysBetween(day, result)).toBe(n);
    expect(daysBetween(result, day)).toBe(0 - n);
  });

  it('counts the early centuries too, where Date would read years 0–99 as 1900–1999', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(weekdayOf('0001-01-01')).toBe(1);
    expect(isoWeekOf('0001-01-01')).toBe('0001-W01');
    expect(daysBetween('0000-03-01', '0000-02-28')).toBe(-2);
  });

  it('refuses days outside 0000–9999', () => {
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('0000-01-01', -1)).toThrow(RangeError);
  });

  it('refuses a fractional number of days', () => {
    expect(() => addDays('2023-02-05', 0.5)).toThrow(RangeError);
  });
});

describe('round trips, 1999 to 2041, day by day', () => {
  const DAY_MS = 86_400_000;
  const start = Date.UTC(1999, 0, 1);
  const days = Array.from({ length: (Date.UTC(2041, 11, 31) - start) / DAY_MS + 1 }, (_, i) => {
    const date = new Date(start + i * DAY_MS);
    return { i, date, day: date.toISOString().slice(0, 10) };
  });

  it('agrees with Date on every day, its weekday, and its first and last instant in Shanghai', () => {
    const wrong = days.filter(
      ({ i, date, day }) =>
        addDays('1999-01-01', i) !== day ||
        daysBetween('1999-01-01', day) !== i ||
        weekdayOf(day) !== (date.getUTCDay() || 7) ||
        localDay(new Date(date.getTime() - 8 * 3_600_000)) !== day ||
        localDay(new Date(date.getTime() + 16 * 3_600_000 - 1)) !== day,
    );
    expect(wrong.map(({ day }) => day)).toEqual([]);
  });

  it('puts each day in a valid week whose Monday–Sunday span contains it', () => {
    const wrong = days.filter(({ day }) => {
      const week = isoWeekOf(day);
      const { first, last } = weekDays(week);
      return !isValidWeek(week) || daysBetween(first, day) !== weekdayOf(day) - 1 || daysBetween(first, last) !== 6;
    });
    expect(wrong.map(({ day }) => day)).toEqual([]);
  });

  it('walks the weeks one after the other without gaps or overlaps', () => {
    const wrong: string[] = [];
    let week = isoWeekOf('1999-01-04');
    let count = 1;
    while (week !== '2041-W52') {
      const next = nextWeek(week);
      const adjoining = daysBetween(weekDays(week).last, weekDays(next).first) === 1;
      const instantsAdjoin = weekInstants(next).from.getTime() === weekInstants(week).to.getTime();
      if (!adjoining || !instantsAdjoin || previousWeek(next) !== week) wrong.push(week);
      week = next;
      count++;
    }
    expect(wrong).toEqual([]);
    expect(count).toBe(daysBetween('1999-01-04', '2041-12-23') / 7 + 1);
  });

  it('finds 53 weeks exactly in the years that have them', () => {
    const longYears = [2004, 2009, 2015, 2020, 2026, 2032, 2037];
    for (let year = 1999; year <= 2041; year++) {
      expect(isValidWeek(`${year}-W53`)).toBe(longYears.includes(year));
      expect(isoWeekOf(`${year}-12-28`)).toBe(`${year}-W${longYears.includes(year) ? 53 : 52}`);
    }
  });
});
