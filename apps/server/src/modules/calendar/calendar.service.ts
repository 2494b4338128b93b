import {
  calendarYear,
  type TCalendarDay,
  type TCalendarUpdate,
  type TCalendarYear,
  WorkingCalendar,
} from '@duban/domain';
import { sql } from 'drizzle-orm';
import type { TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { TDb } from '../../platform/db/client.ts';
import { invalid } from '../../platform/errors.ts';
import { invalidateRulebook, loadRulebook } from '../lights/rulebook.ts';
import { authorizeCalendarEdit } from './calendar.policy.ts';
import { listLocalDays, replaceLocalDays } from './calendar.repo.ts';

/** Key of the transaction-level advisory lock that orders calendar edits (a year may have no row to lock yet). */
const CALENDAR_LOCK_KEY = 7_414_254;

const inYear = (days: readonly TCalendarDay[], year: number) => days.filter((d) => d.day.startsWith(`${year}-`));

/** One year of the calendar in force: official days, local days over them, and the working-day count. */
export async function getCalendarYear(db: TDb, year: number): Promise<TCalendarYear> {
  const { calendar } = await loadRulebook(db);
  return calendarYear(year, calendar);
}

/** The first rule the new local days break (a day outside the year, a day twice), as a 422 naming it. */
function checkDays(year: number, days: TCalendarUpdate['days']): void {
  const seen = new Set<string>();
  for (const [i, d] of days.entries()) {
    if (!d.day.startsWith(`${year}-`)) throw invalid(`days.${i}.day`, `${d.day} lies outside ${year}`);
    if (seen.has(d.day)) throw invalid(`days.${i}.day`, `${d.day} is listed twice`);
    seen.add(d.day);
  }
}

/** sysAdmin replaces a year's local days, with an audit entry; lights use the new calendar at once. */
export async function updateCalendarYear(
  db: TDb,
  actor: TActor,
  year: number,
  input: TCalendarUpdate,
): Promise<TCalendarYear> {
  authorizeCalendarEdit(actor);
  checkDays(year, input.days);
  const days: TCalendarDay[] = input.days
    .map((d) => ({ day: d.day, kind: d.kind, name: d.name }))
    .sort((a, b) => (a.day < b.day ? -1 : 1));
  const result = await db.transaction(async (tx) => {
    // Two edits at once would both delete, then collide on insert: the second waits for the first instead.
    await tx.execute(sql`select pg_advisory_xact_lock(${CALENDAR_LOCK_KEY})`);
    const before = inYear(await listLocalDays(tx), year);
    await replaceLocalDays(tx, year, days, actor.id);
    const all = await listLocalDays(tx);
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'calendar.update',
      targetType: 'calendar',
      targetId: String(year),
      before,
      after: inYear(all, year),
      ip: actor.ip,
    });
    return calendarYear(year, new WorkingCalendar(all));
  });
  invalidateRulebook();
  return result;
}
