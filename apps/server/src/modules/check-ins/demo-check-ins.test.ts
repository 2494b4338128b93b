import { beforeAll, describe, expect, it } from 'vitest';
import { login, useTestApp } from '../../test/harness.ts';
import { seedDemoTasks } from '../tasks/demo-tasks.ts';
import { seedDemoCheckIns } from './demo-check-ins.ts';

const ctx = useTestApp();
// Thursday 2026-07-02 in Shanghai: week 2026-W27; the demo's check-ins fall in W25 and W26.
const NOW = new Date('2026-07-02T02:00:00Z');
let seeded: { checkIns: number; rollups: number };

beforeAll(async () => {
  seeded = await ctx.database.db.transaction(async (tx) => {
    await seedDemoTasks(tx, NOW);
    return seedDemoCheckIns(tx, NOW);
  });
});

describe('demo check-ins', () => {
  it('seeds two weeks of check-ins by the tasks’ owners, rising to each task’s progress, none this week', async () => {
    const weeks = await ctx.sql<{ week: string; n: number }>(
      'select week, count(*)::int as n from check_ins group by week order by week',
    );
    expect(weeks.map((w) => w.week)).toEqual(['2026-W25', '2026-W26']);
    expect(seeded.checkIns).toBe(weeks.reduce((s, w) => s + w.n, 0));
    const [mismatch] = await ctx.sql<{ n: number }>(`
      select count(*)::int as n from check_ins c join tasks t on t.id = c.task_id
      where c.week = '2026-W26' and (c.progress <> t.progress or c.author_id <> t.owner_id)`);
    expect(mismatch?.n).toBe(0);
    const [burden] = await ctx.sql<{ made: number }>('select sum(entries_made)::int as made from check_in_burden');
    expect(burden?.made).toBe(seeded.checkIns);
  });

  it('generates last week’s roll-ups: departments confirmed, townships left for their heads', async () => {
    const head = await login(ctx.app, 'head');
    const mine = (await head.request('GET', '/api/v1/weekly-rollups?week=2026-W26')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ unitName: '城关镇', state: 'draft', canConfirm: true });
    expect(mine[0].summary.updated).toBeGreaterThan(0);
    const supervisor = await login(ctx.app, 'supervisor');
    const all = (await supervisor.request('GET', '/api/v1/weekly-rollups?week=2026-W26')).json().items;
    expect(all).toHaveLength(seeded.rollups);
    expect(all.some((r: { state: string }) => r.state === 'confirmed')).toBe(true);
    const report = (await supervisor.request('GET', '/api/v1/weekly-reports/2026-W26')).json();
    expect(report.totals.confirmed).toBeGreaterThan(0);
    expect(report.pending.map((p: { unitName: string }) => p.unitName)).toContain('城关镇');
  });
});
