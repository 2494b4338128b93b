import { LIGHTS, type TCockpit, type TLight, type TLightBoard, type TLightCounts } from '@duban/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf, login, type TClient, unitId, useTestApp } from '../../test/harness.ts';
import { seedDemoWork } from '../org/seed.ts';

/**
 * Every count of tasks on the cockpit and the light board, and the task list its link opens: the same tasks. The
 * rule: each task and sub-task counts once, under the unit that leads it; the links ask the list for sub-tasks too.
 */

const ctx = useTestApp();

let leader: TClient;
let head: TClient;
let town: string;

/** The total of a task list query, as the client asks it. */
async function listTotal(client: TClient, filters: Record<string, string | undefined>): Promise<number> {
  const params = new URLSearchParams({ pageSize: '1' });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const res = await client.request('GET', `/api/v1/tasks?${params.toString()}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().total as number;
}

type TCheck = { what: string; count: number; filters: Record<string, string | undefined> };

/** Each count against its list's total; the differences, to be none. */
async function mismatches(client: TClient, checks: TCheck[]): Promise<string[]> {
  const found: string[] = [];
  for (const check of checks) {
    const total = await listTotal(client, { ...check.filters, includeSubtasks: 'true' });
    if (total !== check.count) found.push(`${check.what}: count ${check.count}, list ${total}`);
  }
  return found;
}

const perLight = (what: string, counts: TLightCounts, filters: Record<string, string | undefined>): TCheck[] =>
  LIGHTS.map((light: TLight) => ({ what: `${what} ${light}`, count: counts[light], filters: { ...filters, light } }));

/** Every count of a cockpit page and the filters of the list it links to. */
function cockpitChecks(page: TCockpit): TCheck[] {
  const ledBy = page.unit.isTop ? undefined : page.unit.id;
  return [
    ...perLight('tiles', page.lights, { ledBy }),
    ...perLight('own', page.own, { leadUnitId: page.unit.id }),
    ...page.byCategory.flatMap((g) =>
      perLight(`category ${g.key}`, g.counts, { ledBy: page.unit.id, ledByCategory: g.key }),
    ),
    ...page.byTag.flatMap((g) => perLight(`tag ${g.key}`, g.counts, { ledBy, tag: g.key })),
    ...page.mostRed.flatMap((u) => [
      { what: `most red ${u.unitName} red`, count: u.red, filters: { ledBy: u.unitId, light: 'red' } },
      { what: `most red ${u.unitName} yellow`, count: u.yellow, filters: { ledBy: u.unitId, light: 'yellow' } },
    ]),
  ];
}

/** Every count of a light board view and the filters of the list it links to. */
function boardChecks(board: TLightBoard, category?: string): TCheck[] {
  if (board.by === 'tag') return board.rows.flatMap((r) => perLight(`tag ${r.key}`, r.counts, { tag: r.key ?? '' }));
  if (board.by === 'leader') {
    return board.rows.flatMap((r) => (r.key ? perLight(`leader ${r.name}`, r.counts, { leadLeaderId: r.key }) : []));
  }
  const root = board.unit?.id;
  return [
    ...perLight('totals', board.totals, { ledBy: root, ledByCategory: category }),
    ...(board.own ? perLight('own', board.own, { leadUnitId: root }) : []),
    ...board.rows.flatMap((r) => perLight(`unit ${r.name}`, r.counts, { ledBy: r.key ?? '' })),
  ];
}

async function get<T>(client: TClient, url: string): Promise<T> {
  const res = await client.request('GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

beforeAll(async () => {
  await ctx.database.db.transaction((tx) => seedDemoWork(tx));
  // A closed task carries the done light; the triggers keep its count.
  await ctx.sql(`update tasks set light = 'done' where state = 'closed'`);
  leader = await login(ctx.app, 'leader');
  head = await login(ctx.app, 'head');
  town = await unitId(ctx, '城关镇');
});

describe('every count opens a list of the same tasks', () => {
  it('holds on the county cockpit, sub-tasks counted under their own lead unit', async () => {
    const page = await get<TCockpit>(leader, '/api/v1/cockpit');
    expect(page.lights.red).toBeGreaterThan(0);
    expect(page.lights.done).toBeGreaterThan(0);
    // Sub-tasks count: the red tiles hold more than the top tasks alone.
    expect(page.lights.red).toBeGreaterThan(await listTotal(leader, { light: 'red' }));
    expect(await mismatches(leader, cockpitChecks(page))).toEqual([]);
  });

  it('holds on a unit head’s cockpit: its own tasks first, only the tasks its units lead', async () => {
    const page = await get<TCockpit>(head, '/api/v1/cockpit');
    expect(page.unit.id).toBe(town);
    expect(page.lights.red + page.lights.yellow + page.lights.green).toBeGreaterThan(0);
    // 城关镇 has no child units: everything it leads is its own.
    expect(page.own).toEqual(page.lights);
    expect(await mismatches(head, cockpitChecks(page))).toEqual([]);
    const red = await head.request('GET', `/api/v1/tasks?ledBy=${town}&light=red&includeSubtasks=true&pageSize=200`);
    const items = red.json().items as { leadUnitId: string }[];
    expect(items.length).toBe(page.lights.red);
    expect(items.every((task) => task.leadUnitId === town)).toBe(true);
  });

  it('holds on the cockpit of each unit a leader opens', async () => {
    const county = await get<TCockpit>(leader, '/api/v1/cockpit');
    for (const unit of county.mostRed.slice(0, 3)) {
      const page = await get<TCockpit>(leader, `/api/v1/cockpit?unitId=${unit.unitId}`);
      expect(await mismatches(leader, cockpitChecks(page))).toEqual([]);
    }
  });

  it('holds on the light board by unit, by category, by tag and by lead leader', async () => {
    const byUnit = await get<TLightBoard>(leader, '/api/v1/lights');
    expect(await mismatches(leader, boardChecks(byUnit))).toEqual([]);
    for (const category of ['township', 'department', 'county']) {
      const board = await get<TLightBoard>(leader, `/api/v1/lights?category=${category}`);
      expect(await mismatches(leader, boardChecks(board, category))).toEqual([]);
    }
    const drilled = await get<TLightBoard>(leader, `/api/v1/lights?unitId=${town}`);
    expect(await mismatches(leader, boardChecks(drilled))).toEqual([]);
    for (const by of ['tag', 'leader']) {
      const board = await get<TLightBoard>(leader, `/api/v1/lights?by=${by}`);
      expect(board.rows.length).toBeGreaterThan(0);
      expect(await mismatches(leader, boardChecks(board))).toEqual([]);
    }
  });

  it('holds on a unit head’s light board by unit and by tag', async () => {
    for (const by of ['unit', 'tag']) {
      const board = await get<TLightBoard>(head, `/api/v1/lights?by=${by}`);
      expect(await mismatches(head, boardChecks(board))).toEqual([]);
    }
  });
});

describe('the task list’s lead unit filters', () => {
  it('holds for the escalation figures: each opens the supervision desk’s list of the same steps', async () => {
    const supervisor = await login(ctx.app, 'supervisor');
    for (const [client, unit] of [
      [leader, undefined],
      [supervisor, undefined],
      [leader, town],
    ] as const) {
      const page = await get<TCockpit>(client, `/api/v1/cockpit${unit ? `?unitId=${unit}` : ''}`);
      const desk = async (filters: Record<string, string>) => {
        const params = new URLSearchParams({ pageSize: '1', ...filters, ...(unit ? { unitId: unit } : {}) });
        return (await get<{ total: number }>(client, `/api/v1/escalations?${params.toString()}`)).total;
      };
      const { escalations } = page;
      const found: string[] = [];
      const check = (what: string, count: number, total: number) => {
        if (count !== total) found.push(`${what}: count ${count}, list ${total}`);
      };
      check('open', escalations.open, await desk({ inProgress: 'true' }));
      check('overdue', escalations.overdue, await desk({ overdue: 'true' }));
      for (const [step, count] of Object.entries(escalations.byStep)) {
        check(step, count, await desk({ inProgress: 'true', step }));
      }
      expect(found, unit ? 'a unit’s cockpit' : 'the county’s cockpit').toEqual([]);
    }
  });

  it('ledBy takes the tasks led in the subtree, not those the unit only supports', async () => {
    const touching = await listTotal(leader, { unitId: town, includeSubtasks: 'true' });
    const led = await listTotal(leader, { ledBy: town, includeSubtasks: 'true' });
    const [row] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from tasks where lead_unit_id = $1 and state <> 'draft'`,
      [town],
    );
    expect(led).toBe(row?.n);
    expect(touching).toBeGreaterThanOrEqual(led);
  });

  it('answers 4xx naming the field for an unknown unit, a category without its unit or an unknown category', async () => {
    const unknown = await leader.request('GET', '/api/v1/tasks?ledBy=00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(422);
    expect(errorOf(unknown).field).toBe('ledBy');
    const alone = await leader.request('GET', '/api/v1/tasks?ledByCategory=township');
    expect(alone.statusCode).toBe(422);
    expect(errorOf(alone).field).toBe('ledByCategory');
    const bad = await leader.request('GET', `/api/v1/tasks?ledBy=${town}&ledByCategory=planet`);
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).field).toBe('ledByCategory');
  });

  it('shows someone out of scope none of another unit’s tasks', async () => {
    const cadre2 = await login(ctx.app, 'cadre2');
    const res = await cadre2.request('GET', `/api/v1/tasks?leadUnitId=${town}&includeSubtasks=true&pageSize=200`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string }[];
    const visible = await ctx.sql<{ id: string }>(
      `select t.id from tasks t where t.lead_unit_id = $1 and t.state <> 'draft'
         and (t.owner_id = $2 or exists (select 1 from task_units tu join users u on u.unit_id = tu.unit_id
           where tu.task_id = t.id and u.id = $2)
           or exists (select 1 from tasks s where s.parent_id = t.id and s.owner_id = $2))`,
      [town, cadre2.userId],
    );
    expect(items.map((t) => t.id).sort()).toEqual(visible.map((t) => t.id).sort());
  });
});
