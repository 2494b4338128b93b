import { describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, type TClient, userId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();

const tryLogin = (username: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe('POST /api/v1/auth/login', () => {
  it('logs in, sets an HttpOnly SameSite=Lax cookie and returns the user and a CSRF token', async () => {
    const res = await tryLogin('leader', 'Duban-demo-2023');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.username).toBe('leader');
    expect(body.grants[0].role).toBe('leader');
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect(body.user.passwordHash).toBeUndefined();
    const cookie = res.cookies.find((c) => c.name === 'duban_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const [entry] = await ctx.sql<{ action: string }>('select action from audit_log order by id desc limit 1');
    expect(entry?.action).toBe('auth.login');
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong password or unknown user, and audits the failure', async () => {
    const before = await auditCount(ctx);
    const wrong = await tryLogin('judge', 'Wrong-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(errorOf(wrong).code).toBe('INVALID_CREDENTIALS');
    const unknown = await tryLogin('nobody-here', 'Wrong-password-1');
    expect(unknown.statusCode).toBe(401);
    expect(errorOf(unknown).code).toBe('INVALID_CREDENTIALS');
    const rows = await ctx.sql<{ action: string; after: { reason: string } }>(
      'select action, after from audit_log order by id desc limit 2',
    );
    expect(rows.map((r) => r.after.reason)).toEqual(['unknownUser', 'wrongPassword']);
    expect(await auditCount(ctx)).toBe(before + 2);
  });

  it('locks the account for 15 minutes after 5 failures: 423 ACCOUNT_LOCKED, even with the right password', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await tryLogin('zh03-04', 'Wrong-password-1')).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423, 423]);
    const right = await tryLogin('zh03-04', 'Duban-demo-2023');
    expect(right.statusCode).toBe(423);
    expect(errorOf(right).code).toBe('ACCOUNT_LOCKED');
    const [user] = await ctx.sql<{ minutes: number }>(
      `select round(extract(epoch from locked_until - now()) / 60)::int as minutes from users where username = 'zh03-04'`,
    );
    expect(user?.minutes).toBe(15);
    const [lockout] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'auth.lockout' and target_id = $1`,
      [await userId(ctx, 'zh03-04')],
    );
    expect(lockout?.n).toBe(1);
  });

  it('refuses a body without a username, naming the field, and writes nothing', async () => {
    const before = await auditCount(ctx);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { password: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'username' });
    expect(await auditCount(ctx)).toBe(before);
  });

  it('refuses a body that is not valid UTF-8 with 400', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"username":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('","password":"x"}'),
    ]);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: bytes,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION_FAILED');
  });
});

describe('rate limit on login', () => {
  const limited = useTestApp({ LOGIN_RATE_LIMIT: '3' });
  it('answers 429 RATE_LIMITED past the limit per minute', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await limited.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'nobody', password: 'x' },
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429]);
  });
});

describe('sessions', () => {
  it('GET /me answers who is logged in, with roles and the CSRF token', async () => {
    const head = await login(ctx.app, 'head');
    const res = await head.request('GET', '/api/v1/me');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      user: { username: 'head' },
      roles: ['unitHead'],
      via: 'session',
      csrfToken: head.csrfToken,
    });
  });

  it('GET /me without a session answers 401', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const head = await login(ctx.app, 'head');
    const res = await head.request('PATCH', '/api/v1/me', { locale: 'en-US' }, { 'x-csrf-token': 'forged' });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('CSRF_FAILED');
  });

  it('ends a session idle for longer than the timeout', async () => {
    const cadre = await login(ctx.app, 'cadre');
    await ctx.sql(`update sessions set expires_at = now() - interval '1 second' where user_id = $1`, [cadre.userId]);
    const res = await cadre.request('GET', '/api/v1/me');
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('SESSION_EXPIRED');
  });

  it('logs out: the cookie no longer works and the logout is audited', async () => {
    const liaison = await login(ctx.app, 'liaison');
    const out = await liaison.request('POST', '/api/v1/auth/logout');
    expect(out.statusCode).toBe(200);
    expect((await liaison.request('GET', '/api/v1/me')).statusCode).toBe(401);
    const [entry] = await ctx.sql<{ action: string }>('select action from audit_log order by id desc limit 1');
    expect(entry?.action).toBe('auth.logout');
  });

  it('PATCH /me remembers the language; a bad locale answers 400 on locale', async () => {
    const cadre2 = await login(ctx.app, 'cadre2');
    expect((await cadre2.request('PATCH', '/api/v1/me', { locale: 'en-US' })).statusCode).toBe(200);
    expect((await cadre2.request('GET', '/api/v1/me')).json().user.locale).toBe('en-US');
    const bad = await cadre2.request('PATCH', '/api/v1/me', { locale: 'fr-FR' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).field).toBe('locale');
  });
});

describe('POST /api/v1/auth/password', () => {
  let user: TClient;
  it('forces a first-login change on accounts an admin created, then lets the user in', async () => {
    const admin = await login(ctx.app, 'admin');
    const created = await admin.request('POST', '/api/v1/users', {
      username: 'newcomer',
      displayName: '新同志',
      unitId: (await admin.request('GET', '/api/v1/me')).json().user.unitId,
      password: 'Initial-pass-1',
    });
    expect(created.statusCode).toBe(201);
    user = await login(ctx.app, 'newcomer', 'Initial-pass-1');
    const blocked = await user.request('GET', '/api/v1/users');
    expect(blocked.statusCode).toBe(403);
    expect(errorOf(blocked).code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await user.request('POST', '/api/v1/auth/password', {
      currentPassword: 'Initial-pass-1',
      newPassword: 'simplepassword',
    });
    expect(weak.statusCode).toBe(422);
    expect(errorOf(weak)).toMatchObject({ code: 'PASSWORD_TOO_WEAK', field: 'newPassword' });
    const wrong = await user.request('POST', '/api/v1/auth/password', {
      currentPassword: 'not-it',
      newPassword: 'Better-pass-2',
    });
    expect(errorOf(wrong).field).toBe('currentPassword');
    const ok = await user.request('POST', '/api/v1/auth/password', {
      currentPassword: 'Initial-pass-1',
      newPassword: 'Better-pass-2',
    });
    expect(ok.statusCode).toBe(200);
    expect((await user.request('GET', '/api/v1/users')).statusCode).toBe(200);
    expect((await login(ctx.app, 'newcomer', 'Better-pass-2')).userId).toBe(user.userId);
  });
});
