import { describe, expect, it } from 'vitest';
import { errorOf, login, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();

describe('/api/v1/audit', () => {
  it('lets only the auditor read, filter and verify the log', async () => {
    await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'judge', password: 'bad' },
    });
    const auditor = await login(ctx.app, 'auditor');
    const failed = (await auditor.request('GET', '/api/v1/audit?action=auth.loginFailed')).json();
    expect(failed.total).toBe(1);
    expect(failed.items[0]).toMatchObject({ action: 'auth.loginFailed', actorName: 'judge', targetType: 'user' });
    expect(failed.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
    const byActor = (await auditor.request('GET', '/api/v1/audit?actor=auditor&pageSize=5')).json();
    expect(byActor.items.every((e: { actorName: string }) => e.actorName === 'auditor')).toBe(true);
    const seeded = (await auditor.request('GET', '/api/v1/audit?action=system.')).json();
    expect(seeded.items[0].after).toMatchObject({ units: 58, users: 571 });
    const verify = (await auditor.request('GET', '/api/v1/audit/verify')).json();
    expect(verify.ok).toBe(true);
    expect(verify.checked).toBe(3);
  });

  it('answers 403 to everyone else, sysAdmin and secAdmin included', async () => {
    for (const username of ['admin', 'secadmin', 'leader', 'cadre']) {
      const user = await login(ctx.app, username);
      expect((await user.request('GET', '/api/v1/audit')).statusCode, username).toBe(403);
      expect((await user.request('GET', '/api/v1/audit/verify')).statusCode, username).toBe(403);
    }
  });

  it('refuses bad filters naming the field', async () => {
    const auditor = await login(ctx.app, 'auditor');
    const res = await auditor.request('GET', '/api/v1/audit?from=yesterday');
    expect([res.statusCode, errorOf(res).field]).toEqual([400, 'from']);
  });

  it('is append-only in the database, and verification names the first tampered entry', async () => {
    await expect(ctx.adminSql(`update audit_log set action = 'x' where id = 1`)).rejects.toThrow(/append-only/);
    await expect(ctx.adminSql('delete from audit_log where id = 1')).rejects.toThrow(/append-only/);
    const [second] = await ctx.sql<{ id: number }>('select id from audit_log order by id offset 2 limit 1');
    // A superuser who disables the trigger can still change a row: the chain shows it.
    await ctx.adminSql('alter table audit_log disable trigger audit_log_append_only');
    await ctx.adminSql(`update audit_log set after = '{"forged":true}' where id = $1`, [second?.id]);
    await ctx.adminSql('alter table audit_log enable trigger audit_log_append_only');
    const auditor = await login(ctx.app, 'auditor');
    const verify = (await auditor.request('GET', '/api/v1/audit/verify')).json();
    expect(verify).toMatchObject({ ok: false, checked: 2, firstBrokenId: second?.id });
  });
});
