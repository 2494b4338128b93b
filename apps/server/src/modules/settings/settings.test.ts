import { describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, unitId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();

describe('/api/v1/settings', () => {
  it('sysAdmin reads and changes the settings; the new password policy applies at once', async () => {
    const admin = await login(ctx.app, 'admin');
    expect((await admin.request('GET', '/api/v1/settings')).json()).toEqual({
      passwordPolicy: { minLength: 8, minClasses: 3 },
      lockout: { maxAttempts: 5, minutes: 15 },
      sessionIdleMinutes: 30,
    });
    const res = await admin.request('PUT', '/api/v1/settings', { passwordPolicy: { minLength: 12, minClasses: 3 } });
    expect(res.statusCode).toBe(200);
    expect(res.json().passwordPolicy.minLength).toBe(12);
    const [entry] = await ctx.sql<{ action: string; before: { passwordPolicy: { minLength: number } } }>(
      'select action, before from audit_log order by id desc limit 1',
    );
    expect(entry?.action).toBe('settings.update');
    expect(entry?.before.passwordPolicy.minLength).toBe(8);
    const user = await admin.request('POST', '/api/v1/users', {
      username: 'shortpass',
      displayName: '短密码',
      unitId: await unitId(ctx, '城关镇'),
      password: 'Abc-12345',
    });
    expect([user.statusCode, errorOf(user).field]).toEqual([422, 'password']);
  });

  it('refuses bad values naming the field, and writes nothing', async () => {
    const admin = await login(ctx.app, 'admin');
    const before = await auditCount(ctx);
    const res = await admin.request('PUT', '/api/v1/settings', { lockout: { maxAttempts: 0, minutes: 15 } });
    expect([res.statusCode, errorOf(res).field]).toEqual([400, 'lockout.maxAttempts']);
    const unknown = await admin.request('PUT', '/api/v1/settings', { theme: 'dark' });
    expect(unknown.statusCode).toBe(400);
    expect(await auditCount(ctx)).toBe(before);
  });

  it('is refused to every other role', async () => {
    for (const username of ['secadmin', 'auditor', 'leader']) {
      const user = await login(ctx.app, username);
      expect((await user.request('GET', '/api/v1/settings')).statusCode, username).toBe(403);
      expect((await user.request('PUT', '/api/v1/settings', { sessionIdleMinutes: 60 })).statusCode, username).toBe(
        403,
      );
    }
  });
});
