import { describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, userId, useTestApp } from '../../test/harness.ts';
import { DEMO_PASSWORD } from '../org/demo-county.ts';

const ctx = useTestApp();
const WRONG = 'Wrong-password-1';

const tryLogin = (username: string, password: string, remoteAddress = '127.0.0.1') =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });

/** How many wrong passwords of a user were actually checked (each check appends one entry). */
async function checkedWrong(username: string): Promise<number> {
  const [row] = await ctx.sql<{ n: number }>(
    `select count(*)::int as n from audit_log where action = 'auth.loginFailed'
       and target_id = $1 and after->>'reason' = 'wrongPassword'`,
    [await userId(ctx, username)],
  );
  return row?.n ?? 0;
}

describe('login lockout', () => {
  it('checks at most 5 passwords of a burst of 19 from one address; the rest answer 423 unchecked', async () => {
    const answers = await Promise.all(Array.from({ length: 19 }, () => tryLogin('zh04-05', WRONG, '10.1.0.1')));
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 401)).toHaveLength(4);
    expect(codes.filter((c) => c === 423)).toHaveLength(15);
    expect(await checkedWrong('zh04-05')).toBe(5);
    // The right password from the same address is refused too, and not checked.
    const right = await tryLogin('zh04-05', DEMO_PASSWORD, '10.1.0.1');
    expect([right.statusCode, errorOf(right).code]).toEqual([423, 'ACCOUNT_LOCKED']);
  });

  it('a lock from one address leaves the owner free to log in from another', async () => {
    for (let i = 0; i < 5; i++) await tryLogin('zh06-05', WRONG, '10.2.0.1');
    expect((await tryLogin('zh06-05', DEMO_PASSWORD, '10.2.0.1')).statusCode).toBe(423);
    const owner = await tryLogin('zh06-05', DEMO_PASSWORD, '10.2.0.2');
    expect(owner.statusCode).toBe(200);
    // The lock of the first address holds after the owner's login elsewhere.
    expect((await tryLogin('zh06-05', DEMO_PASSWORD, '10.2.0.1')).statusCode).toBe(423);
    const [lock] = await ctx.sql<{ address: string; minutes: number }>(
      `select after->>'address' as address, round(extract(epoch from (after->>'lockedUntil')::timestamptz - now()) / 60)::int as minutes
         from audit_log where action = 'auth.lockout' and target_id = $1`,
      [await userId(ctx, 'zh06-05')],
    );
    expect(lock).toEqual({ address: '10.2.0.1', minutes: 15 });
  });

  it('past the account-wide ceiling the account is locked from every address', async () => {
    const admin = await login(ctx.app, 'admin');
    const set = await admin.request('PUT', '/api/v1/settings', {
      lockout: { maxAttempts: 5, minutes: 15, accountMaxAttempts: 10 },
    });
    expect(set.statusCode).toBe(200);
    for (const address of ['10.3.0.1', '10.3.0.2']) {
      for (let i = 0; i < 5; i++) await tryLogin('zh07-05', WRONG, address);
    }
    const elsewhere = await tryLogin('zh07-05', DEMO_PASSWORD, '10.3.0.3');
    expect([elsewhere.statusCode, errorOf(elsewhere).code]).toEqual([423, 'ACCOUNT_LOCKED']);
    expect(await checkedWrong('zh07-05')).toBe(10);
    await admin.request('PUT', '/api/v1/settings', {
      lockout: { maxAttempts: 5, minutes: 15, accountMaxAttempts: 50 },
    });
  });

  it('an expired lock starts a new count', async () => {
    for (let i = 0; i < 5; i++) await tryLogin('zh08-05', WRONG, '10.4.0.1');
    await ctx.sql(`update login_throttles set locked_until = now() - interval '1 second' where user_id = $1`, [
      await userId(ctx, 'zh08-05'),
    ]);
    expect((await tryLogin('zh08-05', WRONG, '10.4.0.1')).statusCode).toBe(401);
    expect((await tryLogin('zh08-05', DEMO_PASSWORD, '10.4.0.1')).statusCode).toBe(200);
  });
});

describe('POST /api/v1/users/:id/unlock', () => {
  it('secAdmin lifts every lock of an account, audited; the owner logs in again', async () => {
    for (let i = 0; i < 5; i++) await tryLogin('zh09-05', WRONG, '10.5.0.1');
    const id = await userId(ctx, 'zh09-05');
    const secadmin = await login(ctx.app, 'secadmin');
    const locked = await secadmin.request('GET', `/api/v1/users/${id}`);
    expect(locked.json().lockedUntil).not.toBeNull();
    const res = await secadmin.request('POST', `/api/v1/users/${id}/unlock`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, lockedUntil: null });
    const [entry] = await ctx.sql<{ action: string; target_id: string }>(
      'select action, target_id from audit_log order by id desc limit 1',
    );
    expect(entry).toEqual({ action: 'user.unlock', target_id: id });
    expect((await tryLogin('zh09-05', DEMO_PASSWORD, '10.5.0.1')).statusCode).toBe(200);
  });

  it('refuses a malformed id naming it, sysAdmin and cadres, and an account out of scope, writing nothing', async () => {
    const secadmin = await login(ctx.app, 'secadmin');
    const before = await auditCount(ctx);
    const bad = await secadmin.request('POST', '/api/v1/users/not-an-id/unlock');
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'id']);
    const id = await userId(ctx, 'zh10-05');
    const admin = await login(ctx.app, 'admin');
    expect((await admin.request('POST', `/api/v1/users/${id}/unlock`)).statusCode).toBe(403);
    const cadre = await login(ctx.app, 'cadre');
    expect((await cadre.request('POST', `/api/v1/users/${id}/unlock`)).statusCode).toBe(404);
    const missing = await secadmin.request('POST', '/api/v1/users/00000000-0000-4000-8000-000000000000/unlock');
    expect(missing.statusCode).toBe(404);
    // A secAdmin of one township does not reach an account of another unit.
    const town = await ctx.sql<{ id: string }>(`select id from units where name = '城关镇'`);
    const local = await userId(ctx, 'zh01-05');
    const granted = await secadmin.request('POST', `/api/v1/users/${local}/grants`, {
      role: 'secAdmin',
      unitId: town[0]?.id,
    });
    expect(granted.statusCode).toBe(201);
    const townSecAdmin = await login(ctx.app, 'zh01-05');
    const beforeOut = await auditCount(ctx);
    expect((await townSecAdmin.request('POST', `/api/v1/users/${id}/unlock`)).statusCode).toBe(404);
    expect(await auditCount(ctx)).toBe(beforeOut);
    expect(before).toBeLessThan(beforeOut);
  });
});

describe('sessions', () => {
  it('authenticated answers carry Cache-Control: no-store', async () => {
    const cadre = await login(ctx.app, 'cadre');
    for (const url of ['/api/v1/me', '/api/v1/tasks']) {
      expect((await cadre.request('GET', url)).headers['cache-control']).toBe('no-store');
    }
  });

  it('a session ends after its absolute lifetime (12 h), however active', async () => {
    const cadre = await login(ctx.app, 'cadre');
    const hash = await ctx.sql<{ token_hash: string }>(
      `select token_hash from sessions where user_id = $1 order by created_at desc limit 1`,
      [cadre.userId],
    );
    await ctx.sql(
      `update sessions set created_at = now() - interval '11 hours 59 minutes', last_seen_at = now() - interval '2 minutes'
         where token_hash = $1`,
      [hash[0]?.token_hash],
    );
    expect((await cadre.request('GET', '/api/v1/me')).statusCode).toBe(200);
    const [session] = await ctx.sql<{ minutes: number }>(
      `select round(extract(epoch from expires_at - now()) / 60)::int as minutes from sessions where token_hash = $1`,
      [hash[0]?.token_hash],
    );
    expect(session?.minutes).toBe(1);
    await ctx.sql(
      `update sessions set created_at = now() - interval '12 hours 1 minute', last_seen_at = now() - interval '2 minutes'
         where token_hash = $1`,
      [hash[0]?.token_hash],
    );
    const ended = await cadre.request('GET', '/api/v1/me');
    expect([ended.statusCode, errorOf(ended).code]).toEqual([401, 'SESSION_EXPIRED']);
  });
});
