/** The organisation's time zone. China keeps no daylight saving, so it is always UTC+08:00. */
export const TIME_ZONE = 'Asia/Shanghai';

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An ISO week as written: YYYY-Www. */
export const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

// Days are counted as whole days since 1970-01-01 (proleptic Gregorian calendar), computed with
// integer arithmetic (H. Hinnant's civil-day algorithms) so no Date quirk such as years 0–99 intervenes.

const floorDiv = (a: number, b: number) => Math.floor(a / b);
const mod = (a: number, b: number) => ((a % b) + b) % b;

function toDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = floorDiv(153 * (month > 2 ? month - 3 : month + 9) + 2, 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + floorDiv(yearOfEra, 4) - floorDiv(yearOfEra, 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const shifted = dayNumber + 719468;
  const era = floorDiv(shifted, 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = floorDiv(
    dayOfEra - floorDiv(dayOfEra, 1460) + floorDiv(dayOfEra, 36524) - floorDiv(dayOfEra, 146096),
    365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + floorDiv(yearOfEra, 4) - floorDiv(yearOfEra, 100));
  const monthIndex = floorDiv(5 * dayOfYear + 2, 153);
  const day = dayOfYear - floorDiv(153 * monthIndex + 2, 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * Days already converted, both ways: a sweep over a city's tasks converts the same few thousand days millions of
 * times. Bounded: emptied when full.
 */
const parsed = new Map<string, number>();
const formatted = new Map<number, string>();
const MEMO_LIMIT = 50_000;

function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** A day number as 'YYYY-MM-DD'; years outside 0000–9999 have no such form. */
function formatDay(dayNumber: number): string {
  const known = formatted.get(dayNumber);
  if (known !== undefined) return known;
  const { year, month, day } = fromDayNumber(dayNumber);
  if (year < 0 || year > 9999) throw new RangeError(`day out of range 0000–9999: year ${year}`);
  return remember(formatted, dayNumber, `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

/** The day number of a 'YYYY-MM-DD' string; throws on anything that is not a real calendar date. */
function parseDay(day: string): number {
  const known = parsed.get(day);
  if (known !== undefined) return known;
  const match = DAY_PATTERN.exec(day);
  if (match) {
    const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const dayNumber = toDayNumber(year, month, date);
    const back = fromDayNumber(dayNumber);
    if (month >= 1 && month <= 12 && back.month === month && back.day === date) {
      return remember(parsed, day, dayNumber);
    }
  }
  throw new RangeError(`not a day 'YYYY-MM-DD': ${JSON.stringify(day)}`);
}

/** 1 = Monday … 7 = Sunday; day 0 (1970-01-01) was a Thursday. */
const weekdayOfNumber = (dayNumber: number) => mod(dayNumber + 3, 7) + 1;

/** The day number of the Monday of ISO week 1 of a week-numbering year (the week holding 4 January). */
function firstMondayOf(weekYear: number): number {
  const january4 = toDayNumber(weekYear, 1, 4);
  return january4 - (weekdayOfNumber(january4) - 1);
}

/** The ISO week-numbering year and week of a day number. */
function weekParts(dayNumber: number): { weekYear: number; week: number } {
  const thursday = dayNumber + 4 - weekdayOfNumber(dayNumber);
  const weekYear = fromDayNumber(thursday).year;
  return { weekYear, week: floorDiv(thursday - toDayNumber(weekYear, 1, 1), 7) + 1 };
}

/** 52 or 53: the number of ISO weeks in a week-numbering year (28 December is always in its last week). */
const weeksInYear = (weekYear: number) => weekParts(toDayNumber(weekYear, 12, 28)).week;

/** The day number of a week's Monday; throws on anything that is not a valid 'YYYY-Www'. */
function parseWeek(week: string): number {
  const match = WEEK_PATTERN.exec(week);
  if (!match || !isValidWeek(week)) throw new RangeError(`not an ISO week 'YYYY-Www': ${JSON.stringify(week)}`);
  return firstMondayOf(Number(match[1])) + (Number(match[2]) - 1) * 7;
}

function formatWeek(mondayNumber: number): string {
  const { weekYear, week } = weekParts(mondayNumber);
  if (weekYear < 0 || weekYear > 9999) throw new RangeError(`week out of range 0000–9999: year ${weekYear}`);
  return `${pad(weekYear, 4)}-W${pad(week, 2)}`;
}

/** The Shanghai calendar day ('YYYY-MM-DD') of an instant. */
export function localDay(at: Date): string {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return formatDay(floorDiv(ms + OFFSET_MS, DAY_MS));
}

/** The day n days after the given one (before it when n is negative). */
export function addDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  return formatDay(parseDay(day) + n);
}

/** The day of the week: 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: string): number {
  return weekdayOfNumber(parseDay(day));
}

/** The ISO 8601 week ('YYYY-Www', week-numbering year) a day belongs to. */
export function isoWeekOf(day: string): string {
  return formatWeek(parseDay(day));
}

/** The ISO week of an instant, as the week of its Shanghai day. */
export function weekOfInstant(at: Date): string {
  return isoWeekOf(localDay(at));
}

/** The Monday and the Sunday of an ISO week. */
export function weekDays(week: string): { first: string; last: string } {
  const monday = parseWeek(week);
  return { first: formatDay(monday), last: formatDay(monday + 6) };
}

/** A week as instants: Monday 00:00 +08:00 inclusive to the next Monday 00:00 +08:00 exclusive. */
export function weekInstants(week: string): { from: Date; to: Date } {
  const from = parseWeek(week) * DAY_MS - OFFSET_MS;
  return { from: new Date(from), to: new Date(from + 7 * DAY_MS) };
}

/** The ISO week before the given one. */
export function previousWeek(week: string): string {
  return formatWeek(parseWeek(week) - 7);
}

/** The last week that is over at an instant: the one before the instant's own week. Screens open on it. */
export function lastFullWeek(at: Date): string {
  return previousWeek(weekOfInstant(at));
}

/** The ISO week after the given one. */
export function nextWeek(week: string): string {
  return formatWeek(parseWeek(week) + 7);
}

/** True for a well-formed 'YYYY-Www' that exists: W53 only in years that have 53 ISO weeks. */
export function isValidWeek(week: string): boolean {
  const match = WEEK_PATTERN.exec(week);
  if (!match) return false;
  const number = Number(match[2]);
  return number >= 1 && number <= weeksInYear(Number(match[1]));
}

/** The day number of a 'YYYY-MM-DD' day: days since 1970-01-01; throws on anything that is not a real date. */
export function dayNumber(day: string): number {
  return parseDay(day);
}

/** The 'YYYY-MM-DD' day of a day number (days since 1970-01-01). */
export function dayOfNumber(n: number): string {
  return formatDay(n);
}

/** The number of days from a to b (b − a): positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return parseDay(b) - parseDay(a);
}
