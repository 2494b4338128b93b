import { latestReportableMonth, MONTHS_IN_YEAR, paceDay, type TTargetKind } from '@duban/domain';
import dayjs from 'dayjs';
import { currentLocale } from '../../app/i18n/index.ts';

/** A figure as people read it: thousands separators, up to two decimals; a dash for none. */
export function formatFigure(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 2 }).format(value);
}

/** A figure with its measure (10,000 户, 220 亿元, 6.5%). */
export function formatMeasured(value: number | null | undefined, measure: string): string {
  if (value === null || value === undefined) return '—';
  const figure = formatFigure(value);
  return measure === '%' ? `${figure}%` : `${figure} ${measure}`;
}

/** A share in percent with one decimal. */
export const formatShare = (share: number): string => `${formatFigure(Math.round(share * 10) / 10)}%`;

/** A month's short name in the UI language (11月, Nov). */
export const monthName = (month: number): string =>
  dayjs()
    .startOf('year')
    .month(month - 1)
    .format('MMM');

/** The months of a year, 1–12. */
export const MONTHS: readonly number[] = Array.from({ length: MONTHS_IN_YEAR }, (_, i) => i + 1);

/** The year it is now in the county (Asia/Shanghai). */
export const currentYear = (): number => Number(paceDay().slice(0, 4));

/** The months of a target's year an actual may be reported for today (none for a year still to come). */
export const reportableMonths = (year: number): number[] => MONTHS.slice(0, latestReportableMonth(year, paceDay()));

/** The decimals a value of this kind may carry. */
export const decimalsOf = (kind: TTargetKind): number => (kind === 'count' ? 0 : 2);
