import { addDays, localDay, type TCalendarDayView, type TCalendarYear, weekdayOf } from '@duban/domain';
import { Card, Flex, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { holidayLabel, monthName, weekdayLetters } from './calendar-labels.ts';
import './calendar.css';

/** The colours of a day that departs from the Monday–Friday week. */
const TONES = {
  holiday: { background: '#fff1f0', color: '#cf1322', mark: '#cf1322' },
  workday: { background: '#f0f2f5', color: '#1f2937', mark: '#595959' },
} as const;
const LOCAL_OUTLINE = '1.5px dashed #d46b08';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
/** 1 = Monday … 7 = Sunday, as weekdayOf counts. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const pad = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Day numbers as runs: [1, 2, 3, 5] → "1–3、5" (zh) or "1–3, 5". */
function formatRuns(numbers: number[], separator: string): string {
  const runs: [number, number][] = [];
  for (const n of numbers) {
    const last = runs.at(-1);
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(separator);
}

/** The month's departures, one line per holiday/kind/origin: "10–17 日 春节" with its mark. */
function monthLines(days: TCalendarDayView[]) {
  const groups = new Map<string, { day: TCalendarDayView; numbers: number[] }>();
  for (const d of days) {
    const key = `${d.kind}|${d.origin}|${d.name}`;
    const group = groups.get(key) ?? { day: d, numbers: [] };
    group.numbers.push(Number(d.day.slice(8)));
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.numbers[0] ?? 0) - (b.numbers[0] ?? 0));
}

function Mark({ kind, isLocal }: { kind: TCalendarDayView['kind']; isLocal: boolean }) {
  const { t } = useTranslation();
  return (
    <span
      className="duban-calendar-mark"
      style={{ background: isLocal ? '#d46b08' : TONES[kind].mark }}
      aria-hidden="true"
    >
      {t(`calendar.marks.${kind}`)}
    </span>
  );
}

function DayCell({ day, special, isToday }: { day: string; special: TCalendarDayView | undefined; isToday: boolean }) {
  const { t } = useTranslation();
  const isWeekend = weekdayOf(day) >= 6;
  const style: CSSProperties = {};
  if (special) {
    style.background = TONES[special.kind].background;
    style.color = TONES[special.kind].color;
    if (special.origin === 'local') style.outline = LOCAL_OUTLINE;
  } else if (isWeekend) {
    style.color = '#8c8c8c';
  }
  if (isToday) style.boxShadow = 'inset 0 0 0 1.5px #1677ff';
  const tip = special
    ? t('calendar.dayTip', {
        day,
        name: holidayLabel(special.name),
        kind: t(`calendar.kinds.${special.kind}`),
        origin: t(`calendar.origins.${special.origin}`),
      })
    : day;
  return (
    <div
      className="duban-calendar-day"
      style={style}
      title={tip}
      data-testid={`day-${day}`}
      data-kind={special?.kind ?? (isWeekend ? 'weekend' : 'working')}
      data-origin={special?.origin}
    >
      {Number(day.slice(8))}
      {special ? <Mark kind={special.kind} isLocal={special.origin === 'local'} /> : null}
    </div>
  );
}

function MonthCard({
  year,
  month,
  days,
  today,
}: {
  year: number;
  month: number;
  days: Map<string, TCalendarDayView>;
  today: string;
}) {
  const { t, i18n } = useTranslation();
  const first = `${year}-${pad(month)}-01`;
  const count = daysInMonth(year, month);
  const dates = Array.from({ length: count }, (_, i) => addDays(first, i));
  const specials = dates.flatMap((d) => days.get(d) ?? []);
  const separator = i18n.language === 'zh-CN' ? '、' : ', ';
  const letters = weekdayLetters(i18n.language);
  return (
    <div className="duban-calendar-month" data-testid={`month-${year}-${pad(month)}`}>
      <Typography.Text strong>{monthName(month, i18n.language)}</Typography.Text>
      <div className="duban-calendar-weeks">
        {WEEKDAYS.map((weekday) => (
          <div key={weekday} className="duban-calendar-weekday" style={weekday >= 6 ? { color: '#8c8c8c' } : undefined}>
            {letters[weekday - 1]}
          </div>
        ))}
        {WEEKDAYS.slice(1, weekdayOf(first)).map((weekday) => (
          <div key={`before-${weekday}`} />
        ))}
        {dates.map((d) => (
          <DayCell key={d} day={d} special={days.get(d)} isToday={d === today} />
        ))}
      </div>
      <Flex vertical gap={2} className="duban-calendar-lines">
        {monthLines(specials).map(({ day, numbers }) => (
          <Flex key={`${day.kind}-${day.origin}-${day.name}`} gap={6} align="baseline">
            <Mark kind={day.kind} isLocal={day.origin === 'local'} />
            <Typography.Text style={{ fontSize: 12 }} type={day.kind === 'holiday' ? undefined : 'secondary'}>
              {t('calendar.monthLine', { days: formatRuns(numbers, separator), name: holidayLabel(day.name) })}
            </Typography.Text>
          </Flex>
        ))}
      </Flex>
    </div>
  );
}

function Legend() {
  const { t } = useTranslation();
  const swatch = (style: CSSProperties) => <span className="duban-calendar-swatch" style={style} />;
  return (
    <Flex gap={12} wrap align="center" style={{ fontSize: 12 }} data-testid="calendar-legend">
      <Flex gap={4} align="center">
        {swatch({ background: TONES.holiday.background, borderColor: TONES.holiday.mark })}
        {t('calendar.legend.officialHoliday')}
      </Flex>
      <Flex gap={4} align="center">
        {swatch({ background: TONES.workday.background, borderColor: TONES.workday.mark })}
        {t('calendar.legend.officialWorkday')}
      </Flex>
      <Flex gap={4} align="center">
        {swatch({ outline: LOCAL_OUTLINE, borderColor: 'transparent' })}
        {t('calendar.legend.local')}
      </Flex>
      <Flex gap={4} align="center">
        {swatch({ boxShadow: 'inset 0 0 0 1.5px #1677ff', borderColor: 'transparent' })}
        {t('calendar.legend.today')}
      </Flex>
    </Flex>
  );
}

/** Twelve small months marking days off (休) and make-up workdays (班), official and local told apart. */
export function YearGrid({ calendar }: { calendar: TCalendarYear }) {
  const { t } = useTranslation();
  const days = new Map(calendar.days.map((d) => [d.day, d]));
  const today = localDay(new Date());
  return (
    <Card size="small" title={t('calendar.yearTitle', { year: calendar.year })}>
      <Legend />
      <div className="duban-calendar-grid" data-testid="calendar-grid">
        {MONTHS.map((month) => (
          <MonthCard key={month} year={calendar.year} month={month} days={days} today={today} />
        ))}
      </div>
    </Card>
  );
}
