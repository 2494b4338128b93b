import { lastFullWeek, previousWeek, weekDays } from '@duban/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { login, useTestApp } from '../../test/harness.ts';
import { seedDemoWork } from '../org/seed.ts';

const ctx = useTestApp();
// Seeded on a Wednesday morning in November: most of the year gone, the last full week Monday 9 to Sunday 15.
const seededAt = new Date('2026-11-18T02:00:00Z');

beforeAll(async () => {
  await ctx.database.db.transaction((tx) => seedDemoWork(tx, seededAt));
});

describe('the demo county’s lights, as real use would have left them', () => {
  it('closes a few tasks this year, each with the light done, one of them last week', async () => {
    const closed = await ctx.sql<{ light: string | null; closed_on: string }>(`
      select t.light, (select max((e.at at time zone 'Asia/Shanghai')::date)::text from task_events e
        where e.task_id = t.id and e.action = 'close') as closed_on
      from tasks t where t.state = 'closed'`);
    expect(closed.length).toBeGreaterThanOrEqual(3);
    expect(closed.every((c) => c.light === 'done')).toBe(true);
    expect(closed.every((c) => c.closed_on >= '2026-01-01' && c.closed_on < '2026-11-18')).toBe(true);
    const { first, last } = weekDays(lastFullWeek(seededAt));
    expect(closed.some((c) => c.closed_on >= first && c.closed_on <= last)).toBe(true);
  });

  it('keeps the light history of the past weeks as the morning sweeps would have', async () => {
    let week = lastFullWeek(seededAt);
    for (let i = 0; i < 8; i++) {
      const { first, last } = weekDays(week);
      const [row] = await ctx.sql<{ lit: number }>(
        `select count(distinct h.task_id)::int as lit from light_history h
         where (h.at at time zone 'Asia/Shanghai')::date <= $1::date and h.light is not null`,
        [last],
      );
      expect(row?.lit, `lights by ${first}`).toBeGreaterThan(30);
      week = previousWeek(week);
    }
    const [sweeps] = await ctx.sql<{ n: number; other: number }>(`
      select count(*) filter (where cause = 'sweep')::int as n, count(*) filter (where cause <> 'sweep')::int as other
      from light_history`);
    expect(sweeps?.n).toBeGreaterThan(40);
    expect(sweeps?.other).toBe(0);
  });

  it('has run this morning’s sweep: yellows and reds lit, escalations open', async () => {
    const lights = await ctx.sql<{ light: string; n: number }>(
      `select light, count(*)::int as n from tasks where light is not null group by light`,
    );
    const of = Object.fromEntries(lights.map((l) => [l.light, l.n]));
    expect(of.yellow).toBeGreaterThanOrEqual(1);
    expect(of.red).toBeGreaterThanOrEqual(1);
    expect(of.green).toBeGreaterThanOrEqual(1);
    const [open] = await ctx.sql<{ n: number; steps: number }>(
      `select count(*)::int as n, count(distinct step)::int as steps from escalations where state = 'open'`,
    );
    expect(open?.n).toBeGreaterThan(0);
    expect(open?.steps).toBeGreaterThanOrEqual(2);
    const [audit] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'lights.sweep'`,
    );
    expect(audit?.n).toBe(1);
  });

  it('gives last week’s bulletin the figures the lights had at the week’s end', async () => {
    const supervisor = await login(ctx.app, 'supervisor');
    const res = await supervisor.request('POST', '/api/v1/bulletins', { week: lastFullWeek(seededAt) });
    expect(res.statusCode, res.body).toBe(201);
    const { totals } = res.json().content;
    expect(totals.live).toBeGreaterThan(40);
    expect(totals.red).toBeGreaterThan(0);
    expect(totals.closedInWeek).toBeGreaterThanOrEqual(1);
  });
});
