import { PACE_YELLOW_POINTS, type TTarget } from '@duban/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '../../platform/access/access.ts';
import { loadGrants } from '../../platform/auth/actor.ts';
import { setClock } from '../../platform/clock.ts';
import { auditCount, errorOf, login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';
import { checkActualRows, writeActuals } from './targets.service.ts';

const ctx = useTestApp();
/** Mid-July 2026 in Shanghai: six months gone, July reportable, August not. */
const JULY_15 = new Date('2026-07-15T04:00:00Z');

let leader: TClient;
let supervisor: TClient;
let head: TClient;
let cadre: TClient;
let otherHead: TClient;
let stats: TClient;
let statsUsername: string;
let county: string;
let town: string;
let east: string;
let west: string;
let drc: string;
let statsBureau: string;
/** 新增市场主体: 10,000 户, cumulative, reported by the statistics department. */
let entities: TTarget;

const count = async (table: string, where = 'true', values: unknown[] = []) =>
  (await ctx.sql<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, values))[0]?.n ?? 0;

const newTarget = (overrides: object = {}) => ({
  year: 2026,
  name: '测试·新增市场主体',
  measure: '户',
  kind: 'count',
  total: 10000,
  ...overrides,
});

async function create(client: TClient, body: object) {
  const res = await client.request('POST', '/api/v1/targets', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TTarget;
}

async function report(client: TClient, targetId: string, body: object, status = 201) {
  const res = await client.request('POST', `/api/v1/targets/${targetId}/actuals`, body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as { actual: { id: string; isCounty: boolean; value: number }; target: TTarget };
}

const allocationOf = (t: TTarget, unit: string) => {
  const a = t.allocations.find((x) => x.unit.id === unit);
  if (!a) throw new Error(`no allocation for ${unit}`);
  return a;
};

async function history(client: TClient, targetId: string, unit?: string) {
  const res = await client.request('GET', `/api/v1/targets/${targetId}/light-history${unit ? `?unitId=${unit}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    light: string;
    items: {
      light: string;
      previous: string | null;
      cause: string;
      facts: Record<string, unknown>;
      thresholds: Record<string, unknown>;
    }[];
  };
}

/** The actor behind a username, as the services see it. */
async function actorOf(username: string): Promise<TActor> {
  const [u] = await ctx.sql<{ id: string; display_name: string; unit_id: string; unit_path: string }>(
    'select id, display_name, unit_id, unit_path from users where username = $1',
    [username],
  );
  if (!u) throw new Error(`no user ${username}`);
  return {
    id: u.id,
    username,
    displayName: u.display_name,
    unitId: u.unit_id,
    unitPath: u.unit_path,
    mustChangePassword: false,
    grants: await loadGrants(ctx.database.pool, u.id),
    via: 'session',
    readOnly: false,
    ip: null,
    csrfToken: null,
  };
}

beforeAll(async () => {
  leader = await login(ctx.app, 'leader');
  supervisor = await login(ctx.app, 'supervisor');
  head = await login(ctx.app, 'head');
  cadre = await login(ctx.app, 'cadre');
  otherHead = await login(ctx.app, 'zh03-01');
  const [row] = await ctx.sql<{ username: string }>(
    `select u.username from users u join role_grants g on g.user_id = u.id join units n on n.id = g.unit_id
     where n.name = '县统计局' and g.role = 'unitHead' limit 1`,
  );
  statsUsername = row?.username ?? '';
  stats = await login(ctx.app, statsUsername);
  county = await unitId(ctx, '示范县');
  town = await unitId(ctx, '城关镇');
  east = await unitId(ctx, '东关镇');
  west = await unitId(ctx, '西河镇');
  drc = await unitId(ctx, '县发展和改革局');
  statsBureau = await unitId(ctx, '县统计局');
  setClock(JULY_15);
});

afterAll(() => setClock(null));

describe('setting a target', () => {
  it('sets the county’s target by default, lit red in July with nothing reported', async () => {
    const audits = await auditCount(ctx);
    entities = await create(leader, newTarget({ reportingUnitId: statsBureau, note: '全年目标' }));
    expect(entities).toMatchObject({
      unit: { id: county, name: '示范县' },
      reportingUnit: { id: statsBureau, name: '县统计局' },
      direction: 'higher',
      accumulation: 'cumulative',
      monthlyPlan: null,
      allocated: 0,
      difference: 10000,
      can: { edit: true, allocate: true, reportCounty: false },
      pace: { actual: null, paceMonth: 6, doneShare: 0, expectedShare: 50, behind: 50, light: 'red' },
    });
    expect(entities.months).toHaveLength(12);
    expect(entities.months.every((m) => m.actual === null)).toBe(true);
    expect(await auditCount(ctx)).toBe(audits + 1);
    const h = await history(leader, entities.id);
    expect(h.items).toEqual([
      expect.objectContaining({
        light: 'red',
        previous: null,
        cause: 'create',
        thresholds: { yellowPoints: PACE_YELLOW_POINTS },
      }),
    ]);
    expect(h.items[0]?.facts).toMatchObject({ actual: null, total: 10000, paceMonth: 6, expectedShare: 50 });
  });

  it('lists the year’s targets for those who see them; canCreate for leaders and supervisors', async () => {
    const list = (await supervisor.request('GET', '/api/v1/targets')).json();
    expect(list.year).toBe(2026);
    expect(list.canCreate).toBe(true);
    expect(list.items.map((t: { id: string }) => t.id)).toContain(entities.id);
    expect((await supervisor.request('GET', '/api/v1/targets?year=2025')).json().items).toEqual([]);
    const cadres = (await cadre.request('GET', '/api/v1/targets')).json();
    expect(cadres).toMatchObject({ items: [], canCreate: false });
    const heads = (await head.request('GET', '/api/v1/targets')).json();
    expect(heads.items.map((t: { id: string }) => t.id)).not.toContain(entities.id);
  });

  it('refuses bad figures naming the field, and writes nothing', async () => {
    const before = [await count('targets'), await auditCount(ctx)];
    const cases: [object, number, string][] = [
      [{ total: 100.5 }, 422, 'total'],
      [{ kind: 'amount', total: 10.123 }, 422, 'total'],
      [{ total: -5 }, 400, 'total'],
      [{ monthlyPlan: [1, 2, 3, 2, 5, 6, 7, 8, 9, 10, 11, 10000] }, 422, 'monthlyPlan.3'],
      [{ monthlyPlan: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 9000] }, 422, 'monthlyPlan.11'],
      [{ monthlyPlan: [-1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 10000] }, 422, 'monthlyPlan.0'],
      [{ monthlyPlan: [1, 2, 3] }, 400, 'monthlyPlan'],
      [{ reportingUnitId: crypto.randomUUID() }, 422, 'reportingUnitId'],
      [{ unitId: crypto.randomUUID() }, 422, 'unitId'],
      [{ name: '' }, 400, 'name'],
    ];
    for (const [overrides, status, field] of cases) {
      const res = await leader.request('POST', '/api/v1/targets', newTarget({ name: '坏目标', ...overrides }));
      expect([res.statusCode, errorOf(res).field], JSON.stringify(overrides)).toEqual([status, field]);
    }
    const dup = await leader.request('POST', '/api/v1/targets', newTarget());
    expect([dup.statusCode, errorOf(dup).code, errorOf(dup).field]).toEqual([409, 'DUPLICATE', 'name']);
    expect([await count('targets'), await auditCount(ctx)]).toEqual(before);
  });

  it('is for leaders and supervisors only, each within their scope', async () => {
    for (const client of [head, cadre]) {
      const res = await client.request('POST', '/api/v1/targets', newTarget({ name: '越权目标' }));
      expect(res.statusCode).toBe(403);
    }
    // A leader over one township sets its targets, not the county's.
    const townLeaderId = await userId(ctx, 'zh01-04');
    await ctx.sql(`insert into role_grants (user_id, role, unit_id) values ($1, 'leader', $2)`, [townLeaderId, town]);
    const townLeader = await login(ctx.app, 'zh01-04');
    const outside = await townLeader.request('POST', '/api/v1/targets', newTarget({ name: '镇目标', unitId: county }));
    expect([outside.statusCode, errorOf(outside).field]).toEqual([422, 'unitId']);
    const own = await create(townLeader, newTarget({ name: '镇目标' }));
    expect(own.unit.id).toBe(town);
    // Its allocations go under the township only.
    const alloc = await townLeader.request('PUT', `/api/v1/targets/${own.id}/allocations`, {
      allocations: [{ unitId: east, amount: 10 }],
    });
    expect([alloc.statusCode, errorOf(alloc).field]).toEqual([422, 'allocations.0.unitId']);
    // The county's target is out of the township leader's sight until allocated to the township.
    expect((await townLeader.request('GET', `/api/v1/targets/${entities.id}`)).statusCode).toBe(404);
  });
});

describe('allocating a target', () => {
  it('replaces the allocations whole, each lit', async () => {
    const audits = await auditCount(ctx);
    const res = await leader.request('PUT', `/api/v1/targets/${entities.id}/allocations`, {
      allocations: [
        { unitId: town, amount: 3000 },
        { unitId: east, amount: 2000 },
        { unitId: drc, amount: 1000 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    entities = res.json();
    expect(entities).toMatchObject({ allocated: 6000, allocationCount: 3, difference: 4000 });
    expect(entities.allocationLights).toEqual({ green: 0, yellow: 0, red: 3 });
    expect(allocationOf(entities, town)).toMatchObject({
      amount: 3000,
      lastMonth: null,
      unit: { name: '城关镇', category: 'township' },
      pace: { light: 'red', expectedShare: 50, doneShare: 0 },
    });
    expect(await auditCount(ctx)).toBe(audits + 1);
    const [audit] = await ctx.sql<{ action: string; after: { allocations: unknown[] } }>(
      'select action, after from audit_log order by id desc limit 1',
    );
    expect(audit?.action).toBe('target.allocate');
    expect(audit?.after.allocations).toHaveLength(3);
    const same = await leader.request('PUT', `/api/v1/targets/${entities.id}/allocations`, {
      allocations: [
        { unitId: east, amount: 2000 },
        { unitId: town, amount: 3000 },
        { unitId: drc, amount: 1000 },
      ],
    });
    expect(same.statusCode).toBe(200);
    expect(await auditCount(ctx)).toBe(audits + 1);
  });

  it('refuses a unit twice, the target’s own unit, an inactive unit and a fractional count, writing nothing', async () => {
    await ctx.sql(`update units set is_active = false where name = '金鸡乡'`);
    const inactive = await unitId(ctx, '金鸡乡');
    const before = [await count('target_allocations'), await auditCount(ctx)];
    const cases: [object[], string][] = [
      [
        [
          { unitId: town, amount: 1 },
          { unitId: town, amount: 2 },
        ],
        'allocations.1.unitId',
      ],
      [[{ unitId: county, amount: 1 }], 'allocations.0.unitId'],
      [
        [
          { unitId: town, amount: 1 },
          { unitId: inactive, amount: 1 },
        ],
        'allocations.1.unitId',
      ],
      [[{ unitId: crypto.randomUUID(), amount: 1 }], 'allocations.0.unitId'],
      [[{ unitId: town, amount: 1.5 }], 'allocations.0.amount'],
    ];
    for (const [allocations, field] of cases) {
      const res = await leader.request('PUT', `/api/v1/targets/${entities.id}/allocations`, { allocations });
      expect([res.statusCode, errorOf(res).field]).toEqual([422, field]);
    }
    const zero = await leader.request('PUT', `/api/v1/targets/${entities.id}/allocations`, {
      allocations: [{ unitId: town, amount: 0 }],
    });
    expect([zero.statusCode, errorOf(zero).field]).toEqual([400, 'allocations.0.amount']);
    expect([await count('target_allocations'), await auditCount(ctx)]).toEqual(before);
    await ctx.sql(`update units set is_active = true where name = '金鸡乡'`);
  });

  it('shows the allocated units’ heads the target; only its managers allocate', async () => {
    const seen = await head.request('GET', `/api/v1/targets/${entities.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().can).toEqual({ edit: false, allocate: false, reportCounty: false });
    const listed = (await head.request('GET', '/api/v1/targets')).json().items as { id: string }[];
    expect(listed.map((t) => t.id)).toContain(entities.id);
    const items = (await head.request('GET', `/api/v1/targets/${entities.id}/allocations`)).json().items as {
      unit: { id: string };
      canReport: boolean;
    }[];
    expect(items.map((a) => [a.unit.id, a.canReport])).toEqual([
      [town, true],
      [east, false],
      [drc, false],
    ]);
    const put = await head.request('PUT', `/api/v1/targets/${entities.id}/allocations`, { allocations: [] });
    expect(put.statusCode).toBe(403);
    for (const client of [cadre, otherHead]) {
      expect((await client.request('GET', `/api/v1/targets/${entities.id}`)).statusCode).toBe(404);
      expect((await client.request('GET', `/api/v1/targets/${entities.id}/allocations`)).statusCode).toBe(404);
      const res = await client.request('PUT', `/api/v1/targets/${entities.id}/allocations`, { allocations: [] });
      expect(res.statusCode).toBe(404);
    }
    expect((await cadre.request('GET', `/api/v1/targets/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('reporting actuals', () => {
  it('a unit reports its month: the unit’s and the county’s kept figures move at once', async () => {
    const audits = await auditCount(ctx);
    const { actual, target } = await report(head, entities.id, { unitId: town, month: 6, value: 1500, note: '1-6月' });
    expect(actual).toMatchObject({ value: 1500, isCounty: false, month: 6, unit: { id: town }, note: '1-6月' });
    const mine = allocationOf(target, town);
    expect(mine).toMatchObject({ lastMonth: 6, pace: { actual: 1500, paceMonth: 6, doneShare: 50, light: 'green' } });
    // The county adds up its units: 1,500 of 10,000 at mid-year.
    expect(target.pace).toMatchObject({ actual: 1500, doneShare: 15, expectedShare: 50, light: 'red' });
    expect(target.months[5]).toEqual({ month: 6, actual: 1500 });
    expect(target.allocationLights).toEqual({ green: 1, yellow: 0, red: 2 });
    expect(await auditCount(ctx)).toBe(audits + 1);
    const [kept] = await ctx.sql<{ actual: string; light: string; done_share: number }>(
      'select actual, light, done_share from target_allocations where target_id = $1 and unit_id = $2',
      [entities.id, town],
    );
    expect(kept).toEqual({ actual: '1500.00', light: 'green', done_share: 50 });
    const h = await history(head, entities.id, town);
    expect(h.items[0]).toMatchObject({ light: 'green', previous: 'red', cause: 'report' });
    expect(h.items[0]?.facts).toMatchObject({ actual: 1500, total: 3000, paceMonth: 6, doneShare: 50, behind: 0 });
  });

  it('gives a unit’s people their own allocation beside the county’s figures; none for the county’s staff', async () => {
    const listed = (await head.request('GET', '/api/v1/targets?year=2026')).json().items as TTarget[];
    const mine = listed.find((t) => t.id === entities.id);
    expect(mine?.own).toMatchObject({
      unit: { id: town, name: '城关镇' },
      amount: 3000,
      pace: { actual: 1500, doneShare: 50, light: 'green' },
    });
    expect(mine?.pace.light).toBe('red');
    const page = (await head.request('GET', `/api/v1/targets/${entities.id}`)).json() as TTarget;
    expect(page.own).toEqual(mine?.own);
    const countyView = (await leader.request('GET', '/api/v1/targets?year=2026')).json().items as TTarget[];
    expect(countyView.find((t) => t.id === entities.id)?.own).toBeNull();
  });

  it('reporting the same month again corrects it in place; the audit keeps the value before', async () => {
    const { target } = await report(head, entities.id, { unitId: town, month: 6, value: 1200 }, 200);
    expect(allocationOf(target, town).pace).toMatchObject({ actual: 1200, doneShare: 40, behind: 10, light: 'yellow' });
    expect(await count('target_actuals', 'target_id = $1', [entities.id])).toBe(1);
    const [audit] = await ctx.sql<{ action: string; before: unknown; after: Record<string, unknown> }>(
      'select action, before, after from audit_log order by id desc limit 1',
    );
    expect(audit).toMatchObject({
      action: 'target.reportActual',
      before: { value: 1500, note: '1-6月' },
      after: { value: 1200, note: null, month: 6 },
    });
    const unchanged = await auditCount(ctx);
    await report(head, entities.id, { unitId: town, month: 6, value: 1200 }, 200);
    expect(await auditCount(ctx)).toBe(unchanged);
  });

  it('refuses a bad month or value naming the field, and writes nothing', async () => {
    const before = [await count('target_actuals'), await auditCount(ctx)];
    const cases: [object, number, string][] = [
      [{ month: 8, value: 1 }, 422, 'month'],
      [{ month: 0, value: 1 }, 422, 'month'],
      [{ month: 13, value: 1 }, 422, 'month'],
      [{ month: 6, value: -3 }, 422, 'value'],
      [{ month: 6, value: 2.5 }, 422, 'value'],
      [{ month: 6.5, value: 1 }, 400, 'month'],
      [{ month: 6, value: '12' }, 400, 'value'],
    ];
    for (const [body, status, field] of cases) {
      const res = await head.request('POST', `/api/v1/targets/${entities.id}/actuals`, { unitId: town, ...body });
      expect([res.statusCode, errorOf(res).field], JSON.stringify(body)).toEqual([status, field]);
    }
    const noAllocation = await supervisor.request('POST', `/api/v1/targets/${entities.id}/actuals`, {
      unitId: west,
      month: 6,
      value: 1,
    });
    expect([noAllocation.statusCode, errorOf(noAllocation).field]).toEqual([422, 'unitId']);
    expect([await count('target_actuals'), await auditCount(ctx)]).toEqual(before);
  });

  it('a year still to come takes no actuals', async () => {
    const next = await create(leader, newTarget({ year: 2027, name: '测试·明年目标' }));
    expect(next.pace).toMatchObject({ paceMonth: 0, expectedShare: 0, light: 'green' });
    const res = await supervisor.request('POST', `/api/v1/targets/${next.id}/actuals`, {
      unitId: county,
      month: 1,
      value: 1,
    });
    expect([res.statusCode, errorOf(res).field]).toEqual([422, 'month']);
  });

  it('a unit reports only its own allocation; out of sight is 404', async () => {
    const before = [await count('target_actuals'), await auditCount(ctx)];
    const other = await head.request('POST', `/api/v1/targets/${entities.id}/actuals`, {
      unitId: east,
      month: 6,
      value: 1,
    });
    expect([other.statusCode, errorOf(other).field]).toEqual([403, 'unitId']);
    const countyFigure = await head.request('POST', `/api/v1/targets/${entities.id}/actuals`, {
      unitId: county,
      month: 6,
      value: 1,
    });
    expect([countyFigure.statusCode, errorOf(countyFigure).field]).toEqual([403, 'unitId']);
    for (const client of [cadre, otherHead]) {
      const res = await client.request('POST', `/api/v1/targets/${entities.id}/actuals`, {
        unitId: town,
        month: 6,
        value: 1,
      });
      expect(res.statusCode).toBe(404);
      expect((await client.request('GET', `/api/v1/targets/${entities.id}/actuals`)).statusCode).toBe(404);
      expect((await client.request('GET', `/api/v1/targets/${entities.id}/light-history`)).statusCode).toBe(404);
    }
    expect([await count('target_actuals'), await auditCount(ctx)]).toEqual(before);
  });

  it('the statistics department reports any unit and the county’s own figure, which then stands for the county', async () => {
    const seen = (await stats.request('GET', `/api/v1/targets/${entities.id}`)).json() as TTarget;
    expect(seen.can.reportCounty).toBe(true);
    expect(seen.allocations.every((a) => a.canReport)).toBe(true);
    const east6 = await report(stats, entities.id, { unitId: east, month: 6, value: 1000 });
    // Both townships have reported June, the department nothing: the sum runs to the months reported.
    expect(east6.target.pace).toMatchObject({ actual: 2200, paceMonth: 6 });
    const own = await report(stats, entities.id, { unitId: county, month: 6, value: 5200, note: '统计快报' });
    expect(own.actual).toMatchObject({ isCounty: true, value: 5200 });
    expect(own.target.pace).toMatchObject({ actual: 5200, doneShare: 52, expectedShare: 50, light: 'green' });
    expect(own.target.months[5]).toEqual({ month: 6, actual: 5200 });
    const h = await history(leader, entities.id);
    expect(h).toMatchObject({ light: 'green' });
    expect(h.items[0]).toMatchObject({ light: 'green', previous: 'red', cause: 'report' });
    const list = (await leader.request('GET', `/api/v1/targets/${entities.id}/actuals`)).json().items as {
      unit: { id: string };
      isCounty: boolean;
      reportedBy: { id: string };
    }[];
    expect(list.map((a) => a.unit.id).sort()).toEqual([county, town, east].sort());
    expect(list.find((a) => a.isCounty)?.reportedBy.id).toBe(await userId(ctx, statsUsername));
    const towns = (await leader.request('GET', `/api/v1/targets/${entities.id}/actuals?unitId=${town}`)).json();
    expect(towns.items).toHaveLength(1);
    const bad = await leader.request('GET', `/api/v1/targets/${entities.id}/actuals?unitId=nope`);
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'unitId']);
  });

  it('adds up monthly figures, and follows the monthly plan', async () => {
    const plan = [10, 25, 45, 70, 95, 120, 140, 160, 180, 200, 210, 220];
    const invest = await create(
      supervisor,
      newTarget({
        name: '测试·固定资产投资',
        measure: '亿元',
        kind: 'amount',
        total: 220,
        accumulation: 'monthly',
        monthlyPlan: plan,
      }),
    );
    // Mid-July: the plan says 120 of 220 by June's end.
    expect(invest.pace).toMatchObject({ expectedShare: 54.5, light: 'red' });
    const set = await supervisor.request('PUT', `/api/v1/targets/${invest.id}/allocations`, {
      allocations: [
        { unitId: town, amount: 120.5 },
        { unitId: east, amount: 99.5 },
      ],
    });
    expect(set.json()).toMatchObject({ allocated: 220, difference: 0 });
    for (const [month, value] of [
      [1, 10.25],
      [2, 20.5],
      [3, 30],
    ] as const) {
      await report(supervisor, invest.id, { unitId: town, month, value });
    }
    const last = await report(supervisor, invest.id, { unitId: east, month: 2, value: 15.1 });
    expect(allocationOf(last.target, town).pace).toMatchObject({ actual: 60.75, paceMonth: 6 });
    expect(last.target.pace).toMatchObject({ actual: 75.85, paceMonth: 6, expectedShare: 54.5 });
    expect(last.target.months.slice(0, 4).map((m) => m.actual)).toEqual([10.25, 35.6, 30, null]);
    // Two units reporting at the same moment: the kept sum counts both.
    const both = await Promise.all([
      supervisor.request('POST', `/api/v1/targets/${invest.id}/actuals`, { unitId: town, month: 4, value: 5 }),
      leader.request('GET', `/api/v1/targets/${invest.id}`),
      stats.request('GET', `/api/v1/targets/${invest.id}`),
      supervisor.request('POST', `/api/v1/targets/${invest.id}/actuals`, { unitId: east, month: 3, value: 7 }),
    ]);
    expect(both.map((r) => r.statusCode)).toEqual([201, 200, 404, 201]);
    const [kept] = await ctx.sql<{ actual: string }>('select actual from targets where id = $1', [invest.id]);
    expect(kept?.actual).toBe('87.85');
  });

  it('checks and writes many rows at once for the workbook import', async () => {
    const actor = await actorOf(statsUsername);
    const rows = [
      { targetId: entities.id, unitId: drc, month: 5, value: 300 },
      { targetId: entities.id, unitId: drc, month: 6, value: 400, note: '' },
      { targetId: entities.id, unitId: east, month: 6, value: 1000 },
    ];
    const bad = [
      { targetId: crypto.randomUUID(), unitId: drc, month: 5, value: 1 },
      { targetId: entities.id, unitId: west, month: 9, value: -1 },
      { targetId: entities.id, unitId: drc, month: 5, value: 1, note: 'x'.repeat(201) },
      { targetId: entities.id, unitId: drc, month: 5, value: 2 },
    ];
    const problems = await checkActualRows(ctx.database.db, actor, [...rows, ...bad], JULY_15);
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [3, 'targetId'],
      [4, 'unitId'],
      [4, 'month'],
      [4, 'value'],
      [5, 'month'],
      [5, 'note'],
      [6, 'month'],
    ]);
    expect(await checkActualRows(ctx.database.db, await actorOf('head'), rows, JULY_15)).toEqual([
      expect.objectContaining({ index: 0, field: 'unitId' }),
      expect.objectContaining({ index: 1, field: 'unitId' }),
      expect.objectContaining({ index: 2, field: 'unitId' }),
    ]);
    const audits = await auditCount(ctx);
    const result = await ctx.database.db.transaction((tx) => writeActuals(tx, actor, rows, 'import', JULY_15));
    expect(result).toEqual({ written: 2, unchanged: 1, targetIds: [entities.id] });
    expect(await auditCount(ctx)).toBe(audits + 2);
    const target = (await leader.request('GET', `/api/v1/targets/${entities.id}`)).json() as TTarget;
    expect(allocationOf(target, drc)).toMatchObject({ lastMonth: 6, pace: { actual: 400, doneShare: 40 } });
    await expect(
      ctx.database.db.transaction((tx) => writeActuals(tx, actor, bad, 'import', JULY_15)),
    ).rejects.toMatchObject({ field: 'rows.0.targetId' });
    expect(await auditCount(ctx)).toBe(audits + 2);
  });
});

describe('changing a target', () => {
  it('relights when the total changes, and audits before and after', async () => {
    const audits = await auditCount(ctx);
    const res = await leader.request('PATCH', `/api/v1/targets/${entities.id}`, { total: 12000, note: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      total: 12000,
      note: null,
      difference: 6000,
      pace: { doneShare: 43.3, light: 'yellow' },
    });
    expect((await history(leader, entities.id)).items[0]).toMatchObject({
      light: 'yellow',
      previous: 'green',
      cause: 'update',
    });
    expect(await auditCount(ctx)).toBe(audits + 1);
    const [audit] = await ctx.sql<{ before: unknown; after: unknown }>(
      'select before, after from audit_log order by id desc limit 1',
    );
    expect(audit).toEqual({ before: { total: 10000, note: '全年目标' }, after: { total: 12000, note: null } });
  });

  it('refuses a kind the figures on record do not suit, a bad plan, a taken name; writes nothing', async () => {
    const invest = (await leader.request('GET', '/api/v1/targets'))
      .json()
      .items.find((t: { name: string }) => t.name === '测试·固定资产投资');
    const before = [await auditCount(ctx), JSON.stringify(await ctx.sql('select * from targets order by id'))];
    const kind = await leader.request('PATCH', `/api/v1/targets/${invest.id}`, { kind: 'count' });
    expect([kind.statusCode, errorOf(kind).field]).toEqual([422, 'kind']);
    const plan = await leader.request('PATCH', `/api/v1/targets/${entities.id}`, {
      monthlyPlan: [0, 0, 0, 0, 0, 5000, 4000, 8000, 9000, 10000, 11000, 12000],
    });
    expect([plan.statusCode, errorOf(plan).field]).toEqual([422, 'monthlyPlan.6']);
    const total = await leader.request('PATCH', `/api/v1/targets/${invest.id}`, { total: 230 });
    expect([total.statusCode, errorOf(total).field]).toEqual([422, 'total']);
    const name = await leader.request('PATCH', `/api/v1/targets/${invest.id}`, { name: '测试·新增市场主体' });
    expect([name.statusCode, errorOf(name).code]).toEqual([409, 'DUPLICATE']);
    const unit = await leader.request('PATCH', `/api/v1/targets/${invest.id}`, {
      reportingUnitId: crypto.randomUUID(),
    });
    expect([unit.statusCode, errorOf(unit).field]).toEqual([422, 'reportingUnitId']);
    const extra = await leader.request('PATCH', `/api/v1/targets/${invest.id}`, { year: 2025 });
    expect(extra.statusCode).toBe(400);
    expect([await auditCount(ctx), JSON.stringify(await ctx.sql('select * from targets order by id'))]).toEqual(before);
  });

  it('is for its managers: a unit that sees it 403, others 404', async () => {
    expect((await head.request('PATCH', `/api/v1/targets/${entities.id}`, { note: '改' })).statusCode).toBe(403);
    expect((await cadre.request('PATCH', `/api/v1/targets/${entities.id}`, { note: '改' })).statusCode).toBe(404);
  });

  it('removing an allocation takes its light history; its actuals stay on record', async () => {
    const [drcAllocation] = await ctx.sql<{ id: string }>(
      'select id from target_allocations where target_id = $1 and unit_id = $2',
      [entities.id, drc],
    );
    expect(await count('target_light_history', 'allocation_id = $1', [drcAllocation?.id])).toBeGreaterThan(0);
    const res = await leader.request('PUT', `/api/v1/targets/${entities.id}/allocations`, {
      allocations: [
        { unitId: town, amount: 3000 },
        { unitId: east, amount: 2500 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ allocated: 5500, allocationCount: 2 });
    expect(allocationOf(res.json(), east).amount).toBe(2500);
    expect(await count('target_light_history', 'allocation_id = $1', [drcAllocation?.id])).toBe(0);
    expect(await count('target_actuals', 'target_id = $1 and unit_id = $2', [entities.id, drc])).toBe(2);
    const h = await leader.request('GET', `/api/v1/targets/${entities.id}/light-history?unitId=${drc}`);
    expect(h.statusCode).toBe(404);
  });
});

describe('the morning sweep', () => {
  it('relights a target when the month rolls over, once', async () => {
    // Mid-July 城关镇 stands at 1,200 of 3,000 (40 %) against 50 %: yellow.
    const july = (await head.request('GET', `/api/v1/targets/${entities.id}`)).json() as TTarget;
    expect(allocationOf(july, town).pace).toMatchObject({ light: 'yellow', expectedShare: 50 });
    setClock(new Date('2026-08-02T01:00:00Z'));
    try {
      const sweep = await supervisor.request('POST', '/api/v1/lights/sweep');
      expect(sweep.statusCode, sweep.body).toBe(200);
      const august = (await head.request('GET', `/api/v1/targets/${entities.id}`)).json() as TTarget;
      expect(allocationOf(august, town).pace).toMatchObject({ light: 'red', paceMonth: 7, expectedShare: 58.3 });
      const h = await history(head, entities.id, town);
      expect(h.items[0]).toMatchObject({ light: 'red', previous: 'yellow', cause: 'sweep' });
      const [audit] = await ctx.sql<{ action: string; after: { targetLights: number } }>(
        `select action, after from audit_log where action = 'lights.sweep' order by id desc limit 1`,
      );
      expect(audit?.after.targetLights).toBeGreaterThan(0);
      const audits = await auditCount(ctx);
      const histories = await count('target_light_history');
      expect((await supervisor.request('POST', '/api/v1/lights/sweep')).statusCode).toBe(200);
      expect([await auditCount(ctx), await count('target_light_history')]).toEqual([audits, histories]);
    } finally {
      setClock(JULY_15);
    }
  });
});

describe('the API document', () => {
  it('describes every targets endpoint', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const methods = (path: string) => Object.keys(doc.paths[`/api/v1/targets${path}`] ?? {});
    expect(methods('')).toEqual(['get', 'post']);
    expect(methods('/{id}')).toEqual(['get', 'patch']);
    expect(methods('/{id}/allocations')).toEqual(['get', 'put']);
    expect(methods('/{id}/actuals')).toEqual(['get', 'post']);
    expect(methods('/{id}/light-history')).toEqual(['get']);
    expect(doc.paths['/api/v1/targets/{id}/actuals'].post.description).toMatch(/statistics|reporting unit/);
  });
});

describe('a unit that moves in the tree', () => {
  it('takes its allocations along: they stay in the scope of its new parent', async () => {
    const admin = await login(ctx.app, 'admin');
    const office = await admin.request('POST', '/api/v1/units', {
      name: '测试·招商分局',
      category: 'other',
      parentId: town,
    });
    expect(office.statusCode, office.body).toBe(201);
    const officeId = office.json().id as string;
    const target = await create(supervisor, newTarget({ name: '测试·迁移单位的目标' }));
    const set = await supervisor.request('PUT', `/api/v1/targets/${target.id}/allocations`, {
      allocations: [{ unitId: officeId, amount: 100 }],
    });
    expect(set.statusCode, set.body).toBe(200);

    const moved = await admin.request('PATCH', `/api/v1/units/${officeId}`, { parentId: east });
    expect(moved.statusCode, moved.body).toBe(200);
    const [row] = await ctx.sql<{ unitPath: string; path: string }>(
      `select a.unit_path as "unitPath", u.path from target_allocations a join units u on u.id = a.unit_id
       where a.target_id = $1`,
      [target.id],
    );
    expect(row?.unitPath).toBe(row?.path);
    expect(row?.path).toContain(east);
  });
});
