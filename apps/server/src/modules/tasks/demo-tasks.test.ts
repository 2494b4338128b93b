import { beforeAll, describe, expect, it } from 'vitest';
import { login, type TClient, useTestApp } from '../../test/harness.ts';
import { seedDemoTasks } from './demo-tasks.ts';

const ctx = useTestApp();

describe('demo task lists', () => {
  beforeAll(async () => {
    // Seeded as on 2026-07-01: half the year gone.
    await ctx.database.db.transaction((tx) => seedDemoTasks(tx, new Date('2026-07-01T02:00:00Z')));
  });

  it('seeds 十件大事 decomposed to co-units, 十大拉练比拼项目 with investment, 民生实事 and an open call', async () => {
    const lists = await ctx.sql<{ name: string; n: number; subs: number }>(`
      select l.name, count(t.id) filter (where t.parent_id is null)::int as n, count(t.id) filter (where t.parent_id is not null)::int as subs
      from task_lists l join tasks t on t.list_id = l.id group by l.name order by l.name`);
    expect(lists).toEqual([
      { name: '2026 年十件大事', n: 10, subs: expect.any(Number) },
      { name: '2026 年十大拉练比拼项目', n: 10, subs: 0 },
      { name: '2026 年民生实事', n: 7, subs: 0 },
    ]);
    const major = lists[0];
    expect(major?.subs).toBeGreaterThanOrEqual(18);
    const [call] = await ctx.sql<{ bids: number; state: string }>(
      'select (select count(*)::int from bids b where b.call_id = c.id) as bids, c.state from open_calls c',
    );
    expect(call).toEqual({ bids: 2, state: 'open' });
    const rally = await ctx.sql<{ charter: { indicators: { unit: string }[] } }>(
      `select charter from tasks where '十大拉练比拼项目' = any(tags)`,
    );
    expect(rally.every((r) => r.charter.indicators[0]?.unit === '亿元')).toBe(true);
  });

  it('spreads states and progress by the calendar: some on pace, some behind, one unacknowledged, three closed', async () => {
    const states = await ctx.sql<{ state: string; n: number }>(
      'select state, count(*)::int as n from tasks group by state order by state',
    );
    const byState = Object.fromEntries(states.map((s) => [s.state, s.n]));
    expect(byState.inProgress).toBeGreaterThan(20);
    expect(byState.assigned).toBeGreaterThanOrEqual(1);
    expect(byState.closed).toBe(3);
    const progress = await ctx.sql<{ title: string; progress: number }>(
      `select title, progress from tasks where title in ('实施城区老旧小区改造提升工程', '实施县城污水管网改造工程')`,
    );
    const of = Object.fromEntries(progress.map((p) => [p.title, p.progress]));
    expect(of.实施城区老旧小区改造提升工程).toBeGreaterThan(of.实施县城污水管网改造工程 ?? 100);
  });

  it('shows the demo accounts their work: the head of 城关镇 sees its tasks, the cadre owns some', async () => {
    const head = await login(ctx.app, 'head');
    const seen = (await head.request('GET', '/api/v1/tasks?pageSize=100&includeSubtasks=true')).json();
    expect(seen.total).toBeGreaterThanOrEqual(3);
    const cadre = await login(ctx.app, 'cadre');
    const owned = (await cadre.request('GET', `/api/v1/tasks?ownerId=${cadre.userId}&includeSubtasks=true`)).json();
    expect(owned.total).toBeGreaterThanOrEqual(1);
    const [audit] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'system.seedDemoTasks'`,
    );
    expect(audit?.n).toBe(1);
  });

  type TPage = { items: { id: string }[]; total: number };
  const page = async (client: TClient, query: string): Promise<TPage> => {
    const res = await client.request('GET', `/api/v1/tasks?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('answers from the kept unit rows exactly as the tasks themselves do, page by page', async () => {
    const leader = await login(ctx.app, 'leader');
    const [drift] = await ctx.sql(`select count(*)::int as n from task_units tu join tasks t on t.id = tu.task_id
      where (tu.state, tu.due_date, tu.is_top) is distinct from (t.state, t.due_date, t.parent_id is null)`);
    expect(drift).toEqual({ n: 0 });
    const units = await ctx.sql<{ id: string }>(`select distinct unit_id as id from task_units`);
    expect(units.length).toBeGreaterThan(3);
    let compared = 0;
    for (const { id } of units) {
      for (const state of ['', 'assigned', 'inProgress', 'closed']) {
        for (const extra of ['', '&includeSubtasks=true']) {
          for (const p of [1, 2, 50]) {
            const query = `unitId=${id}${state && `&state=${state}`}${extra}&page=${p}&pageSize=2`;
            // A due date no task precedes: the same question, answered from the tasks table.
            const fromTasks = await page(leader, `${query}&dueFrom=1900-01-01`);
            expect(await page(leader, query), query).toEqual(fromTasks);
            compared += fromTasks.items.length;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});
