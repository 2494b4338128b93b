import { DEFAULT_LIGHT_RULES } from '@duban/domain';
import { describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, unitId, useTestApp } from '../../test/harness.ts';
import { loadRulebook } from '../lights/rulebook.ts';

const ctx = useTestApp();

describe('/api/v1/settings', () => {
  it('sysAdmin reads and changes the settings; the new password policy applies at once', async () => {
    const admin = await login(ctx.app, 'admin');
    expect((await admin.request('GET', '/api/v1/settings')).json()).toEqual({
      passwordPolicy: { minLength: 8, minClasses: 3 },
      lockout: { maxAttempts: 5, minutes: 15, accountMaxAttempts: 50 },
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      lightRules: DEFAULT_LIGHT_RULES,
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

  it('changes the light rules, and lights use them at once', async () => {
    const admin = await login(ctx.app, 'admin');
    // Read first: the rulebook is cached, and the change must not wait for the cache to expire.
    expect((await loadRulebook(ctx.database.db)).rules.redBehindPace).toBe(30);
    const lightRules = { ...DEFAULT_LIGHT_RULES, redBehindPace: 40, yellowBehindPace: 20 };
    const res = await admin.request('PUT', '/api/v1/settings', { lightRules });
    expect(res.statusCode).toBe(200);
    expect(res.json().lightRules).toEqual(lightRules);
    expect((await admin.request('GET', '/api/v1/settings')).json().lightRules).toEqual(lightRules);
    expect((await loadRulebook(ctx.database.db)).rules).toEqual(lightRules);
    const [entry] = await ctx.sql<{ action: string; before: { lightRules: { redBehindPace: number } } }>(
      'select action, before from audit_log order by id desc limit 1',
    );
    expect([entry?.action, entry?.before.lightRules.redBehindPace]).toEqual(['settings.update', 30]);
  });

  it('refuses light rules that contradict each other, naming the field, and writes nothing', async () => {
    const admin = await login(ctx.app, 'admin');
    const stored = (await admin.request('GET', '/api/v1/settings')).json().lightRules;
    const before = await auditCount(ctx);
    const cases: [Partial<typeof DEFAULT_LIGHT_RULES>, string][] = [
      [{ yellowBehindPace: 30, redBehindPace: 30 }, 'lightRules.yellowBehindPace'],
      [{ yellowMissedReports: 4, redMissedReports: 3 }, 'lightRules.yellowMissedReports'],
      [{ supervisionNoticeRedDays: 30, admonishRedDays: 7 }, 'lightRules.supervisionNoticeRedDays'],
    ];
    for (const [change, field] of cases) {
      const res = await admin.request('PUT', '/api/v1/settings', {
        sessionIdleMinutes: 90,
        lightRules: { ...DEFAULT_LIGHT_RULES, ...change },
      });
      expect([res.statusCode, errorOf(res).code, errorOf(res).field], field).toEqual([422, 'VALIDATION_FAILED', field]);
    }
    const outOfRange = await admin.request('PUT', '/api/v1/settings', {
      lightRules: { ...DEFAULT_LIGHT_RULES, dueSoonProgressBelow: 101 },
    });
    expect([outOfRange.statusCode, errorOf(outOfRange).field]).toEqual([400, 'lightRules.dueSoonProgressBelow']);
    const after = (await admin.request('GET', '/api/v1/settings')).json();
    expect([after.lightRules, after.sessionIdleMinutes]).toEqual([stored, 30]);
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
