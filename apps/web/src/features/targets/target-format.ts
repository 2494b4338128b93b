import { latestReportableMonth, MONTHS_IN_YEAR, paceDay, type TTargetKind } from '@duban/domain';
import dayjs from 'dayjs';
import { formatFigure } from '../../components/format.ts';

export { formatFigure, formatMeasured } from '../../components/format.ts';

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
