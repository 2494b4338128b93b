import dayjs from 'dayjs';

/** A timestamp as local date and time, or a dash. */
export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';

/** A timestamp to the second, for the audit log. */
export const formatDateTimeSeconds = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';

/** True when a lock time lies in the future. */
export const isLockedNow = (lockedUntil: string | null): boolean =>
  lockedUntil !== null && dayjs(lockedUntil).isAfter(dayjs());
