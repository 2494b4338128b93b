import { HOLIDAY_NAMES, type THolidayName } from '@duban/domain';
import { i18n, MESSAGES } from '../../app/i18n/index.ts';

const isHolidayName = (name: string): name is THolidayName => (HOLIDAY_NAMES as readonly string[]).includes(name);

/** A calendar day's name as people read it: a State Council holiday in the UI language, else the words entered. */
export function holidayLabel(name: string): string {
  return isHolidayName(name) ? i18n.t(`calendar.holidayNames.${name}`) : name;
}

/** The holiday code for a name typed or picked in either language (春节 → springFestival), else the name itself. */
export function holidayCodeOf(text: string): string {
  const name = text.trim();
  for (const messages of Object.values(MESSAGES)) {
    if (!messages) continue;
    const code = HOLIDAY_NAMES.find((h) => messages.calendar.holidayNames[h] === name);
    if (code) return code;
  }
  return name;
}

/** The name of a month (1–12) in the UI language: 2 月, February. */
export function monthName(month: number, locale: string): string {
  if (locale === 'zh-CN') return i18n.t('calendar.month', { month });
  return new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, month - 1, 1));
}

/** Monday to Sunday, one narrow letter or character each, in the UI language. */
export function weekdayLetters(locale: string): string[] {
  // 2024-01-01 is a Monday.
  const format = new Intl.DateTimeFormat(locale, { weekday: 'narrow', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => format.format(Date.UTC(2024, 0, 1 + i)));
}
