import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/harness.ts';
import { seedDemoTargets } from './demo-targets.ts';

const ctx = useTestApp();

interface TTargetFacts {
  id: string;
  name: string;
  total: number;
  direction: string;
  accumulation: string;
  reporting: string | null;
  allocations: number;
  allocated: number;
  light: string;
  actual: number | null;
}

const targetsOf = (year: number) =>
  ctx.sql<TTargetFacts>(
    `select t.id, t.name, t.total::float as total, t.direction, t.accumulation, r.name as reporting,
       t.light, t.actual::float as actual,
       (select count(*)::int from target_allocations a where a.target_id = t.id) as allocations,
       (select coalesce(sum(a.amount), 0)::float from target_allocations a where a.target_id = t.id) as allocated
     from targets t left join units r on r.id = t.reporting_unit_id where t.year = $1 order by t.name`,
    [year],
  );

describe('the demo targets, seeded in mid-July', () => {
  let seeded: { targets: number; allocations: number; actuals: number };
  beforeAll(async () => {
    seeded = await ctx.database.db.transaction((tx) => seedDemoTargets(tx, new Date('2026-07-15T02:00:00Z')));
  });

  it("seeds the plan's targets for the year, allocated to townships, parks and departments, one left short", async () => {
    const targets = await targetsOf(2026);
    expect(targets).toHaveLength(7);
    expect(seeded.targets).toBe(7);
    const byName = Object.fromEntries(targets.map((t) => [t.name, t]));
    expect(byName.新增市场主体).toMatchObject({
      total: 10_000,
      allocations: 17,
      allocated: 10_000,
      reporting: '县统计局',
    });
    expect(byName.进规纳限企业).toMatchObject({ total: 120, allocated: 115, reporting: '县统计局' });
    expect(byName.完成固定资产投资).toMatchObject({ total: 220, allocated: 220, reporting: '县统计局' });
    expect(byName.招商引资签约项目).toMatchObject({ accumulation: 'monthly', reporting: null });
    expect(byName.生产安全事故起数).toMatchObject({ direction: 'lower', accumulation: 'monthly', total: 12 });
    const units = await ctx.sql<{ name: string }>(
      `select distinct u.name from target_allocations a join targets t on t.id = a.target_id
       join units u on u.id = a.unit_id where t.name = '完成固定资产投资'`,
    );
    expect(units.map((u) => u.name)).toEqual(
      expect.arrayContaining(['示范县经济开发区', '县发展和改革局', '县住房和城乡建设局', '县交通运输局', '城关镇']),
    );
  });

  it('has every allocation reported for each month up to June and none later, by the right people', async () => {
    const [months] = await ctx.sql<{ min: number; max: number; n: number }>(
      `select min(month)::int as min, max(month)::int as max, count(*)::int as n from target_actuals`,
    );
    expect(months).toEqual({ min: 1, max: 6, n: seeded.actuals });
    const [gaps] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from target_allocations a
       where (select count(*) from target_actuals x where x.target_id = a.target_id and x.unit_id = a.unit_id) <> 6`,
    );
    expect(gaps?.n).toBe(0);
    // The county's own figure of the investment target, reported by the statistics bureau's head.
    const county = await ctx.sql<{ month: number; username: string }>(
      `select x.month, u.username from target_actuals x join targets t on t.id = x.target_id
       join users u on u.id = x.reported_by where x.unit_id = t.unit_id order by x.month`,
    );
    expect(county.map((c) => c.month)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(county.map((c) => c.username))).toEqual(new Set(['bm27-01']));
    const reporters = await ctx.sql<{ name: string; usernames: string[] }>(
      `select t.name, array_agg(distinct u.username order by u.username) as usernames
       from target_actuals x join targets t on t.id = x.target_id join users u on u.id = x.reported_by
       where x.unit_id <> t.unit_id group by t.name`,
    );
    const of = Object.fromEntries(reporters.map((r) => [r.name, r.usernames]));
    expect(of.新增市场主体).toEqual(['bm27-02']);
    expect(of.招商引资签约项目).toEqual(expect.arrayContaining(['liaison', 'yq01-02', 'bm33-02']));
    const [late] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from target_actuals where reported_at > '2026-07-15T02:00:00Z'`,
    );
    expect(late?.n).toBe(0);
  });

  it('keeps cumulative figures rising and monthly figures whole, within each kind', async () => {
    const [falling] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from target_actuals x join target_actuals y
         on y.target_id = x.target_id and y.unit_id = x.unit_id and y.month = x.month + 1
       join targets t on t.id = x.target_id where t.accumulation = 'cumulative' and y.value < x.value`,
    );
    expect(falling?.n).toBe(0);
    const [bad] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from target_actuals x join targets t on t.id = x.target_id
       where x.value < 0 or (t.kind = 'count' and x.value <> trunc(x.value))`,
    );
    expect(bad?.n).toBe(0);
  });

  it('leaves most units on pace, some a little behind and a few far behind, with the light history', async () => {
    const lights = await ctx.sql<{ light: string; n: number }>(
      'select light, count(*)::int as n from target_allocations group by light',
    );
    const n = Object.fromEntries(lights.map((l) => [l.light, l.n]));
    expect(n.red).toBeGreaterThanOrEqual(3);
    expect(n.yellow).toBeGreaterThanOrEqual(5);
    expect(n.green).toBeGreaterThan((n.red ?? 0) + (n.yellow ?? 0));
    const [accidents] = await ctx.sql<{ red: number }>(
      `select count(*) filter (where a.light = 'red')::int as red from target_allocations a
       join targets t on t.id = a.target_id where t.name = '生产安全事故起数'`,
    );
    expect(accidents?.red).toBeGreaterThanOrEqual(1);
    const [history] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from target_light_history where cause = 'seed'`,
    );
    expect(history?.n).toBeGreaterThanOrEqual((n.red ?? 0) + (n.yellow ?? 0) + (await countyNotGreen()));
    const targets = await targetsOf(2026);
    expect(targets.every((t) => t.actual !== null)).toBe(true);
    const [audit] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'system.seedDemoTargets'`,
    );
    expect(audit?.n).toBe(1);
  });
});

const countyNotGreen = async () =>
  (await ctx.sql<{ n: number }>(`select count(*)::int as n from targets where light <> 'green'`))[0]?.n ?? 0;

describe('the demo targets, seeded in January', () => {
  it('has the targets and allocations but no actuals yet, and every light green', async () => {
    await ctx.database.db.transaction((tx) => seedDemoTargets(tx, new Date('2027-01-12T02:00:00Z')));
    const targets = await targetsOf(2027);
    expect(targets).toHaveLength(7);
    expect(targets.every((t) => t.allocations > 0 && t.light === 'green' && t.actual === null)).toBe(true);
    const [actuals] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from target_actuals x join targets t on t.id = x.target_id where t.year = 2027`,
    );
    expect(actuals?.n).toBe(0);
    const [lights] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from target_allocations a join targets t on t.id = a.target_id
       where t.year = 2027 and a.light <> 'green'`,
    );
    expect(lights?.n).toBe(0);
  });
});
