import { previousWeek, weekOfInstant } from '@duban/domain';
import type { TCounty } from '../generate.ts';
import { logIn, sendJson, type TSession } from './api.ts';

export interface TRollupRun {
  week: string;
  /** Roll-ups written (one per unit with tasks). */
  generated: number;
  kept: number;
  ms: number;
}

export interface TRollupTiming {
  /** The supervisor who generated them. */
  username: string;
  /** The current week, generated for the first time. */
  first: TRollupRun;
  /** The same week again: every draft rewritten. */
  again: TRollupRun;
  /** Last week (a whole week of check-ins), when a year of them was generated. */
  previous: TRollupRun | null;
}

async function generate(baseUrl: string, session: TSession, week: string): Promise<TRollupRun> {
  const started = performance.now();
  const answer = await sendJson(baseUrl, 'POST', '/api/v1/weekly-rollups/generate', session, { week });
  const ms = Math.round(performance.now() - started);
  const body = answer.body as { generated?: number; kept?: number };
  if (answer.status !== 200 || !body.generated) {
    throw new Error(
      `POST /weekly-rollups/generate ${week}: HTTP ${answer.status} ${JSON.stringify(body).slice(0, 300)}`,
    );
  }
  return { week, generated: body.generated, kept: body.kept ?? 0, ms };
}

/**
 * Times the weekly roll-up (周结) of the whole county through the API, as a supervisor of the supervision office
 * (督查室, a supervisor grant over the county): the current week, the same again (drafts rewritten), and with a year
 * of check-ins last week's too.
 */
export async function measureRollup(
  baseUrl: string,
  county: TCounty,
  withPreviousWeek: boolean,
): Promise<TRollupTiming> {
  const supervisor = county.people.find((p) =>
    p.grants.some((g) => g.role === 'supervisor' && g.unitId === county.root.id && g.includeSubtree),
  );
  if (!supervisor) throw new Error('no supervisor over the county');
  const session = await logIn(baseUrl, supervisor.username, county.password);
  const week = weekOfInstant(new Date());
  const first = await generate(baseUrl, session, week);
  const again = await generate(baseUrl, session, week);
  const previous = withPreviousWeek ? await generate(baseUrl, session, previousWeek(week)) : null;
  return { username: supervisor.username, first, again, previous };
}
