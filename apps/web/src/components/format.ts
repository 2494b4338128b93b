import dayjs from 'dayjs';
import { currentLocale } from '../app/i18n/index.ts';

/** A timestamp as local date and time, or a dash. */
export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';

/** A timestamp to the second, for the audit log. */
export const formatDateTimeSeconds = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';

/** True when a lock time lies in the future. */
export const isLockedNow = (lockedUntil: string | null): boolean =>
  lockedUntil !== null && dayjs(lockedUntil).isAfter(dayjs());

/**
 * A figure as people read it, the one way every page shows numbers: thousands separators (9,046), up to two decimals,
 * a dash for none. A target's figure stays in its measure's own unit (220 亿元, 3,500 万元), never spelled out.
 */
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
