import { type TLightRules, WorkingCalendar } from '@duban/domain';
import type { TQueryable } from '../../platform/db/client.ts';
import { listLocalDays } from '../calendar/calendar.repo.ts';
import { loadSettings } from '../settings/settings.repo.ts';

/** What every light is computed with: the working-day calendar and the thresholds in force. */
export interface TRulebook {
  calendar: WorkingCalendar;
  rules: TLightRules;
}

/** Other server processes see a change within this long; the process that made it, at once. */
const TTL_MS = 30_000;
let cached: { rulebook: TRulebook; at: number } | null = null;

/** The rulebook in force, read at most every TTL_MS (the calendar takes a few ms to build). */
export async function loadRulebook(db: TQueryable): Promise<TRulebook> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.rulebook;
  // One after the other: inside a transaction both run on its one connection.
  const days = await listLocalDays(db);
  const settings = await loadSettings(db);
  const rulebook = { calendar: new WorkingCalendar(days), rules: settings.lightRules };
  cached = { rulebook, at: Date.now() };
  return rulebook;
}

/** Forgets the cached rulebook: call after a change to the calendar or the light rules commits. */
export function invalidateRulebook(): void {
  cached = null;
}
