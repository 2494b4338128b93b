import { weekOfInstant } from '@duban/domain';
import { now as clockNow } from '../../platform/clock.ts';
import type { TDb } from '../../platform/db/client.ts';
import { generateBulletin } from './bulletins.service.ts';

/**
 * The weekly job (BULLETIN_CRON, Fridays 18:00): the week's draft from the facts. Idempotent: a draft is regenerated
 * with its title and foreword kept; an approved or published bulletin is left as it is.
 */
export async function generateWeeklyBulletin(db: TDb, at = clockNow()) {
  const week = weekOfInstant(at);
  return { week, ...(await generateBulletin(db, null, week, at)) };
}
