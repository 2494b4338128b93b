import type { TCalendarDay, TCalendarDayKind } from '@duban/domain';
import { and, gte, lt, sql } from 'drizzle-orm';
import { calendarDays } from '../../db/schema/index.ts';
import type { TQueryable } from '../../platform/db/client.ts';

/** The organisation's own days, every year. */
export async function listLocalDays(db: TQueryable): Promise<TCalendarDay[]> {
  const rows = await db.select().from(calendarDays).orderBy(calendarDays.day);
  return rows.map((r) => ({ day: r.day, kind: r.kind as TCalendarDayKind, name: r.name }));
}

/** Replaces one year's local days with the given list. */
export async function replaceLocalDays(db: TQueryable, year: number, days: TCalendarDay[], userId: string) {
  await db
    .delete(calendarDays)
    .where(and(gte(calendarDays.day, `${year}-01-01`), lt(calendarDays.day, `${year + 1}-01-01`)));
  if (days.length === 0) return;
  await db.insert(calendarDays).values(days.map((d) => ({ ...d, updatedBy: userId, updatedAt: sql`now()` })));
}
