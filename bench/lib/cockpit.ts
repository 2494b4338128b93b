import type { TCockpit } from '@duban/domain';
import type { TRequest } from 'autocannon';
import { configureCockpitKeep, getCockpit } from '../../apps/server/src/modules/cockpit/cockpit.service.ts';
import type { TActor } from '../../apps/server/src/platform/access/access.ts';
import { loadGrants } from '../../apps/server/src/platform/auth/actor.ts';
import { openDatabase, type TDatabase } from '../../apps/server/src/platform/db/client.ts';
import type { TCounty } from '../generate.ts';
import { getJson, logIn, type TSession } from './api.ts';
import { percentileOf } from './load.ts';
import type { TGeneratedTargets } from './targets.ts';

/** How many unit heads' sessions the unit page rotates over: every township's, then departments'. */
const HEAD_SESSIONS = 20;

/** GET /api/v1/cockpit, rotating over the sessions (each reads its default page). */
export function cockpitRequests(sessions: TSession[]): TRequest[] {
  let i = 0;
  return [
    {
      method: 'GET',
      path: '/api/v1/cockpit',
      setupRequest: (r) => ({ ...r, headers: { cookie: sessions[i++ % sessions.length]?.cookie ?? '' } }),
    },
  ];
}

/** Logs in the heads of the townships (the largest subtrees: offices and villages below), then of departments. */
export async function logInHeads(baseUrl: string, county: TCounty): Promise<TSession[]> {
  const kinds = new Map(county.units.map((u) => [u.id, u.kind]));
  const heads = county.people
    .filter((p) => p.grants.some((g) => g.role === 'unitHead' && g.unitId === p.unitId))
    .filter((p) => kinds.get(p.unitId) === 'township' || kinds.get(p.unitId) === 'department')
    .sort((a, b) => Number(kinds.get(a.unitId) !== 'township') - Number(kinds.get(b.unitId) !== 'township'))
    .slice(0, HEAD_SESSIONS);
  return Promise.all(heads.map((p) => logIn(baseUrl, p.username, county.password)));
}

/**
 * Checks the cockpit answers what the county holds before it is loaded: this year's targets on the county's page
 * (each allocated to every other unit), the head's allocations on a unit's page, lights, the week's roll-up.
 */
export async function checkCockpit(
  baseUrl: string,
  leader: TSession,
  head: TSession,
  generated: TGeneratedTargets,
): Promise<{ county: TCockpit; unit: TCockpit }> {
  const county = (await getJson(baseUrl, '/api/v1/cockpit', leader)) as TCockpit;
  const perTarget = generated.allocations / (generated.thisYear.length + generated.lastYear.length);
  const allocated = county.targets.every(
    (t) => t.allocationLights.green + t.allocationLights.yellow + t.allocationLights.red === perTarget,
  );
  const lit = county.lights.green + county.lights.yellow + county.lights.red;
  if (
    !county.unit.isTop ||
    county.targets.length !== generated.thisYear.length ||
    !allocated ||
    lit === 0 ||
    county.rollups.week === null ||
    county.instructions.length === 0
  ) {
    throw new Error(
      `GET /cockpit as ${leader.username}: ${county.targets.length} targets (expected ${generated.thisYear.length}), ` +
        `allocations per light ${allocated ? 'right' : 'wrong'}, ${lit} lit tasks, roll-up week ` +
        `${county.rollups.week}, ${county.instructions.length} instructions`,
    );
  }
  const unit = (await getJson(baseUrl, '/api/v1/cockpit', head)) as TCockpit;
  if (unit.unit.isTop || unit.targets.length !== generated.thisYear.length) {
    throw new Error(
      `GET /cockpit as ${head.username}: unit ${unit.unit.name}, ${unit.targets.length} allocations ` +
        `(expected ${generated.thisYear.length})`,
    );
  }
  return { county, unit };
}

export interface TCockpitReadTiming {
  samples: number;
  county: { p50: number; p99: number };
  unit: { p50: number; p99: number };
}

/** A session's actor as the server builds it: the user and the grants in force. */
async function actorOf(database: TDatabase, username: string): Promise<TActor> {
  const { rows } = await database.pool.query<{ id: string; displayName: string; unitId: string; unitPath: string }>(
    `select id, display_name as "displayName", unit_id as "unitId", unit_path as "unitPath" from users
     where username = $1`,
    [username],
  );
  const user = rows[0];
  if (!user) throw new Error(`no user ${username}`);
  return {
    ...user,
    username,
    mustChangePassword: false,
    grants: await loadGrants(database.pool, user.id),
    via: 'session',
    readOnly: false,
    ip: null,
    csrfToken: null,
  };
}

/**
 * The read itself, one at a time and in the server's code (no HTTP, nothing shared between requests, nothing kept):
 * the county's page as a county leader and a township's as its head, `samples` times each.
 */
export async function measureCockpitRead(
  databaseUrl: string,
  leader: string,
  head: string,
  samples = 300,
): Promise<TCockpitReadTiming> {
  const database = openDatabase(databaseUrl, 2);
  // Every read reads: the keep the server serves pages from is measured by the loads.
  configureCockpitKeep(0);
  try {
    const time = async (actor: TActor) => {
      const times: number[] = [];
      for (let i = 0; i < samples + 20; i++) {
        const started = performance.now();
        await getCockpit(database.db, actor, {});
        if (i >= 20) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return { p50: percentileOf(times, 50), p99: percentileOf(times, 99) };
    };
    const county = await time(await actorOf(database, leader));
    const unit = await time(await actorOf(database, head));
    return { samples, county, unit };
  } finally {
    await database.close();
  }
}
