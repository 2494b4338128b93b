import type { TRequest } from 'autocannon';
import { refreshLights } from '../../apps/server/src/modules/lights/lights.service.ts';
import { openDatabase } from '../../apps/server/src/platform/db/client.ts';
import type { TCounty } from '../generate.ts';
import { logIn, sendJson, type TSession } from './api.ts';
import { type TRolledBackTiming, timeRolledBack } from './rolled-back.ts';

export interface TSweepRun {
  /** The day the sweep lit (the platform's clock, moved forward for the later runs). */
  day: string;
  tasks: number;
  changed: number;
  escalations: number;
  /** The sweep's own time, and the request's. */
  ms: number;
  lightsMs: number;
  ladderMs: number;
  wallMs: number;
}

export interface TSweepTiming {
  username: string;
  /** Today again, after the boot sweep lit the generated county: nothing to change. */
  sameDay: TSweepRun;
  /** The next morning. */
  nextDay: TSweepRun;
  /** A week on: lights move, the ladder climbs. */
  weekLater: TSweepRun;
}

const DAY_MS = 86_400_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sweep(baseUrl: string, session: TSession): Promise<TSweepRun> {
  for (;;) {
    const started = performance.now();
    const answer = await sendJson(baseUrl, 'POST', '/api/v1/lights/sweep', session, {});
    const wallMs = Math.round(performance.now() - started);
    // The server lights the freshly generated county on boot; wait for that sweep to finish.
    if (answer.status === 409) {
      await sleep(500);
      continue;
    }
    if (answer.status !== 200)
      throw new Error(`POST /lights/sweep: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    return { ...(answer.body as Omit<TSweepRun, 'wallMs'>), wallMs };
  }
}

async function setClock(baseUrl: string, session: TSession, at: Date | null) {
  const answer = await sendJson(baseUrl, 'PUT', '/api/v1/test/clock', session, { at: at?.toISOString() ?? null });
  if (answer.status !== 200) throw new Error(`PUT /test/clock: HTTP ${answer.status}`);
}

/** Times the morning sweep of the whole county through the API, as a supervisor over the county. */
export async function measureSweep(baseUrl: string, county: TCounty): Promise<TSweepTiming> {
  const supervisor = county.people.find((p) =>
    p.grants.some((g) => g.role === 'supervisor' && g.unitId === county.root.id && g.includeSubtree),
  );
  if (!supervisor) throw new Error('no supervisor over the county');
  const session = await logIn(baseUrl, supervisor.username, county.password);
  const sameDay = await sweep(baseUrl, session);
  await setClock(baseUrl, session, new Date(Date.now() + DAY_MS));
  const nextDay = await sweep(baseUrl, session);
  await setClock(baseUrl, session, new Date(Date.now() + 8 * DAY_MS));
  const weekLater = await sweep(baseUrl, session);
  await setClock(baseUrl, session, null);
  return { username: supervisor.username, sameDay, nextDay, weekLater };
}

export type TRelightTiming = TRolledBackTiming;

/**
 * What the light recompute adds to a check-in: refreshLights on one task (and its ancestors) with the day it was
 * heard of, inside a transaction that is then rolled back, as a check-in's transaction would run it.
 */
export async function measureRelight(databaseUrl: string, taskIds: string[], samples = 1000): Promise<TRelightTiming> {
  const database = openDatabase(databaseUrl, 2);
  try {
    return await timeRolledBack(database.db, samples, async (tx, i) => {
      const taskId = taskIds[(i * 7919) % taskIds.length] as string;
      await refreshLights(tx, [taskId], 'checkIn', {
        reports: [{ taskId, day: new Date().toISOString().slice(0, 10) }],
      });
    });
  } finally {
    await database.close();
  }
}

/** The light board as a county leader sees it, in turn: the county by unit, a unit drilled into, by tag, by leader. */
export function lightBoardRequests(county: TCounty, session: TSession): TRequest[] {
  const drilled = county.units.filter((u) => u.parentId === county.root.id).slice(0, 20);
  const paths = [
    '/api/v1/lights',
    ...drilled.map((u) => `/api/v1/lights?unitId=${u.id}`),
    '/api/v1/lights?by=tag',
    '/api/v1/lights?by=leader',
  ];
  let i = 0;
  return [
    {
      method: 'GET',
      headers: { cookie: session.cookie },
      setupRequest: (r) => ({ ...r, path: paths[i++ % paths.length] as string }),
    },
  ];
}
