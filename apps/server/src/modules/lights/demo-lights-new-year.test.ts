import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/harness.ts';
import { seedDemoWork } from '../org/seed.ts';

const ctx = useTestApp();

describe('the demo county seeded in the first days of a year', () => {
  it('still closes its tasks this year with the light done, and lights every live task', async () => {
    // 5 January: the year's tasks start on the 15th; nothing has had a week yet.
    await ctx.database.db.transaction((tx) => seedDemoWork(tx, new Date('2027-01-05T02:00:00Z')));
    const closed = await ctx.sql<{ light: string | null }>(`select light from tasks where state = 'closed'`);
    expect(closed.length).toBeGreaterThanOrEqual(3);
    expect(closed.every((c) => c.light === 'done')).toBe(true);
    const [unlit] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from tasks where state not in ('draft', 'cancelled') and light is null`,
    );
    expect(unlit?.n).toBe(0);
  });
});
