import { z } from 'zod';
import { zText } from './org.ts';
import { zIsoDate } from './tasks.ts';
import { dayNumber, dayOfNumber, weekdayOf } from './weeks.ts';

/** China's public holidays as the State Council names them. */
export const HOLIDAY_NAMES = [
  'newYear',
  'springFestival',
  'qingming',
  'labourDay',
  'dragonBoat',
  'midAutumn',
  'nationalDay',
  'midAutumnNationalDay',
] as const;
export type THolidayName = (typeof HOLIDAY_NAMES)[number];

/** A day that departs from the Monday–Friday week: an official or local holiday, or a make-up workday (调休上班). */
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export type TCalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** One year's arrangement, as the State Council's notice publishes it. */
interface TOfficialYear {
  /** The notice, with its number where it carries one, and the day it was issued. */
  notice: string;
  issued: string;
  /** [holiday, first day, last day] — days off, weekends included. */
  holidays: [THolidayName, string, string][];
  /** [holiday, day] — weekend days worked to make up for the holiday. */
  workdays: [THolidayName, string][];
}

/**
 * 国务院办公厅关于 20XX 年部分节假日安排的通知, transcribed from each notice's published text.
 * A year not listed here has no published arrangement yet: weekends only, until the notice is out and a
 * sysAdmin enters it (or a release ships it).
 */
export const OFFICIAL_HOLIDAYS: Record<number, TOfficialYear> = {
  2023: {
    notice: '国办发明电〔2022〕16号',
    issued: '2022-12-08',
    holidays: [
      ['newYear', '2023-01-01', '2023-01-02'],
      ['springFestival', '2023-01-21', '2023-01-27'],
      ['qingming', '2023-04-05', '2023-04-05'],
      ['labourDay', '2023-04-29', '2023-05-03'],
      ['dragonBoat', '2023-06-22', '2023-06-24'],
      ['midAutumnNationalDay', '2023-09-29', '2023-10-06'],
    ],
    workdays: [
      ['springFestival', '2023-01-28'],
      ['springFestival', '2023-01-29'],
      ['labourDay', '2023-04-23'],
      ['labourDay', '2023-05-06'],
      ['dragonBoat', '2023-06-25'],
      ['midAutumnNationalDay', '2023-10-07'],
      ['midAutumnNationalDay', '2023-10-08'],
    ],
  },
  2024: {
    notice: '国办发明电〔2023〕7号',
    issued: '2023-10-25',
    holidays: [
      ['newYear', '2024-01-01', '2024-01-01'],
      ['springFestival', '2024-02-10', '2024-02-17'],
      ['qingming', '2024-04-04', '2024-04-06'],
      ['labourDay', '2024-05-01', '2024-05-05'],
      ['dragonBoat', '2024-06-10', '2024-06-10'],
      ['midAutumn', '2024-09-15', '2024-09-17'],
      ['nationalDay', '2024-10-01', '2024-10-07'],
    ],
    workdays: [
      ['springFestival', '2024-02-04'],
      ['springFestival', '2024-02-18'],
      ['qingming', '2024-04-07'],
      ['labourDay', '2024-04-28'],
      ['labourDay', '2024-05-11'],
      ['midAutumn', '2024-09-14'],
      ['nationalDay', '2024-09-29'],
      ['nationalDay', '2024-10-12'],
    ],
  },
  2025: {
    notice: '国办发明电〔2024〕12号',
    issued: '2024-11-12',
    holidays: [
      ['newYear', '2025-01-01', '2025-01-01'],
      ['springFestival', '2025-01-28', '2025-02-04'],
      ['qingming', '2025-04-04', '2025-04-06'],
      ['labourDay', '2025-05-01', '2025-05-05'],
      ['dragonBoat', '2025-05-31', '2025-06-02'],
      ['midAutumnNationalDay', '2025-10-01', '2025-10-08'],
    ],
    workdays: [
      ['springFestival', '2025-01-26'],
      ['springFestival', '2025-02-08'],
      ['labourDay', '2025-04-27'],
      ['midAutumnNationalDay', '2025-09-28'],
      ['midAutumnNationalDay', '2025-10-11'],
    ],
  },
  2026: {
    notice: '国务院办公厅关于2026年部分节假日安排的通知',
    issued: '2025-11-04',
    holidays: [
      ['newYear', '2026-01-01', '2026-01-03'],
      ['springFestival', '2026-02-15', '2026-02-23'],
      ['qingming', '2026-04-04', '2026-04-06'],
      ['labourDay', '2026-05-01', '2026-05-05'],
      ['dragonBoat', '2026-06-19', '2026-06-21'],
      ['midAutumn', '2026-09-25', '2026-09-27'],
      ['nationalDay', '2026-10-01', '2026-10-07'],
    ],
    workdays: [
      ['newYear', '2026-01-04'],
      ['springFestival', '2026-02-14'],
      ['springFestival', '2026-02-28'],
      ['labourDay', '2026-05-09'],
      ['nationalDay', '2026-09-20'],
      ['nationalDay', '2026-10-10'],
    ],
  },
};

/** The years the platform plans in: official data shipped for those published, weekends for the rest. */
export const CALENDAR_YEARS = { first: 2023, last: 2027 } as const;

/** A departure from the Monday–Friday week on one day. `name` is a HOLIDAY_NAMES code or the organisation's own words. */
export interface TCalendarDay {
  day: string;
  kind: TCalendarDayKind;
  name: string;
}

/** The official departures of one year, day by day, in date order. */
export function officialCalendarDays(year: number): TCalendarDay[] {
  const official = OFFICIAL_HOLIDAYS[year];
  if (!official) return [];
  const days: TCalendarDay[] = [];
  for (const [name, first, last] of official.holidays) {
    for (let n = dayNumber(first); n <= dayNumber(last); n++) days.push({ day: dayOfNumber(n), kind: 'holiday', name });
  }
  for (const [name, day] of official.workdays) days.push({ day, kind: 'workday', name });
  return days.sort((a, b) => (a.day < b.day ? -1 : 1));
}

/** The range the working-day arithmetic covers; days outside it are refused. */
const SPAN_FIRST = dayNumber('2000-01-01');
const SPAN_LAST = dayNumber('2099-12-31');

/**
 * The working days of an organisation: Monday–Friday, less the official holidays, plus the make-up workdays,
 * with the organisation's own days over both. Counting is O(1) after construction.
 */
export class WorkingCalendar {
  /** prefix[i] = working days in [SPAN_FIRST, SPAN_FIRST + i). */
  private readonly prefix: Int32Array;

  constructor(readonly overrides: readonly TCalendarDay[] = []) {
    const special = new Map<number, boolean>();
    for (let year = CALENDAR_YEARS.first; year <= CALENDAR_YEARS.last; year++) {
      for (const d of officialCalendarDays(year)) special.set(dayNumber(d.day), d.kind === 'workday');
    }
    for (const d of overrides) special.set(dayNumber(d.day), d.kind === 'workday');
    const size = SPAN_LAST - SPAN_FIRST + 2;
    this.prefix = new Int32Array(size);
    for (let i = 1; i < size; i++) {
      const n = SPAN_FIRST + i - 1;
      const working = special.get(n) ?? weekdayOf(dayOfNumber(n)) <= 5;
      this.prefix[i] = this.at(i - 1) + (working ? 1 : 0);
    }
  }

  private at(i: number): number {
    return this.prefix[i] ?? 0;
  }

  private index(day: string): number {
    const n = dayNumber(day);
    if (n < SPAN_FIRST || n > SPAN_LAST + 1) throw new RangeError(`day outside the working calendar 2000–2099: ${day}`);
    return n - SPAN_FIRST;
  }

  /** True when people work on that day. */
  isWorkingDay(day: string): boolean {
    const i = this.index(day);
    return this.at(i + 1) > this.at(i);
  }

  /** The number of working days in [from, to): 0 when `to` is not after `from`. */
  countWorkingDays(from: string, to: string): number {
    const a = this.index(from);
    const b = this.index(to);
    return b > a ? this.at(b) - this.at(a) : 0;
  }

  /** The working days strictly after `after` and strictly before `before`: days fully passed in between. */
  workingDaysBetween(after: string, before: string): number {
    return this.countWorkingDays(dayOfNumber(dayNumber(after) + 1), before);
  }

  /** The day n working days after `day` (before it for a negative n: -1 is the previous working day). */
  addWorkingDays(day: string, n: number): string {
    const step = n < 0 ? -1 : 1;
    let current = dayNumber(day);
    let left = Math.abs(n);
    while (left > 0) {
      current += step;
      if (this.isWorkingDay(dayOfNumber(current))) left -= 1;
    }
    return dayOfNumber(current);
  }
}

export const ZCalendarDay = z.object({
  day: zIsoDate,
  kind: z.enum(CALENDAR_DAY_KINDS),
  name: z.string(),
  /** 'official' from the State Council's notice; 'local' entered by the organisation. */
  origin: z.enum(['official', 'local']),
});
export type TCalendarDayView = z.infer<typeof ZCalendarDay>;

export const ZCalendarYear = z.object({
  year: z.number().int(),
  /** The notice the official days come from; null when none has been published for that year yet. */
  notice: z.object({ title: z.string(), issued: zIsoDate }).nullable(),
  workingDays: z.number().int(),
  days: z.array(ZCalendarDay),
});
export type TCalendarYear = z.infer<typeof ZCalendarYear>;

export const ZCalendarYearParams = z.object({
  year: z.coerce.number().int().min(2000).max(2099),
});

/** sysAdmin's local days for a year: they replace the official meaning of those days; the list replaces the year's local days. */
export const ZCalendarUpdate = z.object({
  days: z.array(z.object({ day: zIsoDate, kind: z.enum(CALENDAR_DAY_KINDS), name: zText(60) }).strict()).max(366),
});
export type TCalendarUpdate = z.infer<typeof ZCalendarUpdate>;

/** One year of the calendar as people read it: official days with local days over them, and the working-day count. */
export function calendarYear(year: number, calendar: WorkingCalendar): TCalendarYear {
  const official = OFFICIAL_HOLIDAYS[year];
  const byDay = new Map<string, TCalendarDayView>();
  for (const d of officialCalendarDays(year)) byDay.set(d.day, { ...d, origin: 'official' });
  for (const d of calendar.overrides) {
    if (d.day.startsWith(`${year}-`)) byDay.set(d.day, { ...d, origin: 'local' });
  }
  return {
    year,
    notice: official ? { title: official.notice, issued: official.issued } : null,
    workingDays: calendar.countWorkingDays(`${year}-01-01`, `${year + 1}-01-01`),
    days: [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1)),
  };
}
