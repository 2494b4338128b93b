import { beforeAll, describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();
let admin: TClient;
let town1: string;

beforeAll(async () => {
  admin = await login(ctx.app, 'admin');
  town1 = await unitId(ctx, '城关镇');
});

describe('GET /api/v1/users', () => {
  it('pages through the scope: a leader sees the county, a head their township, a cadre only themself', async () => {
    const leader = await login(ctx.app, 'leader');
    const all = (await leader.request('GET', '/api/v1/users?pageSize=25&page=2')).json();
    expect(all.total).toBe(571);
    expect(all.items).toHaveLength(25);
    expect(all.page).toBe(2);
    const head = await login(ctx.app, 'head');
    const mine = (await head.request('GET', '/api/v1/users?pageSize=200')).json();
    expect(mine.total).toBeGreaterThanOrEqual(5);
    expect(new Set(mine.items.map((u: { unitName: string }) => u.unitName))).toEqual(new Set(['城关镇']));
    const cadre = await login(ctx.app, 'cadre');
    const self = (await cadre.request('GET', '/api/v1/users')).json();
    expect(self.items.map((u: { username: string }) => u.username)).toEqual(['cadre']);
  });

  it('filters by unit subtree and text', async () => {
    const leader = await login(ctx.app, 'leader');
    const res = (await leader.request('GET', `/api/v1/users?unitId=${town1}&q=head`)).json();
    expect(res.items.map((u: { username: string }) => u.username)).toEqual(['head']);
  });

  it('refuses a bad page size and an unknown unit, naming the field', async () => {
    const big = await admin.request('GET', '/api/v1/users?pageSize=5000');
    expect([big.statusCode, errorOf(big).field]).toEqual([400, 'pageSize']);
    const unknown = await admin.request('GET', '/api/v1/users?unitId=00000000-0000-4000-8000-000000000000');
    expect([unknown.statusCode, errorOf(unknown).field]).toEqual([422, 'unitId']);
  });
});

describe('GET /api/v1/users/:id', () => {
  it('shows a user in scope and answers 404 out of scope', async () => {
    const head = await login(ctx.app, 'head');
    expect((await head.request('GET', `/api/v1/users/${await userId(ctx, 'cadre')}`)).statusCode).toBe(200);
    const outside = await head.request('GET', `/api/v1/users/${await userId(ctx, 'cadre2')}`);
    expect([outside.statusCode, errorOf(outside).code]).toEqual([404, 'NOT_FOUND']);
    const cadre = await login(ctx.app, 'cadre');
    expect((await cadre.request('GET', `/api/v1/users/${await userId(ctx, 'head')}`)).statusCode).toBe(404);
    expect((await cadre.request('GET', `/api/v1/users/${cadre.userId}`)).statusCode).toBe(200);
  });
});

describe('POST /api/v1/users', () => {
  const valid = () => ({
    username: 'wangwu',
    displayName: '王五',
    unitId: town1,
    password: 'Start-pass-1',
    phone: '0571-8888',
  });

  it('creates an account that must change its password, audited without the hash', async () => {
    const res = await admin.request('POST', '/api/v1/users', valid());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'wangwu', unitName: '城关镇', mustChangePassword: true });
    const [entry] = await ctx.sql<{ action: string; after: Record<string, unknown> }>(
      'select action, after from audit_log order by id desc limit 1',
    );
    expect(entry?.action).toBe('user.create');
    expect(entry?.after.passwordHash).toBeUndefined();
    expect(JSON.stringify(entry?.after)).not.toContain('argon2');
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await auditCount(ctx);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...valid(), username: 'WangWu' }, 409, 'username'],
      [{ ...valid(), username: '9lives' }, 400, 'username'],
      [{ ...valid(), username: 'zhaoliu', unitId: '00000000-0000-4000-8000-000000000000' }, 422, 'unitId'],
      [{ ...valid(), username: 'zhaoliu', password: 'short' }, 422, 'password'],
      [{ ...valid(), username: 'zhaoliu', password: 'alllowercaseletters' }, 422, 'password'],
      [{ ...valid(), username: 'zhaoliu', email: 'not-an-email' }, 400, 'email'],
      [{ ...valid(), username: 'zhaoliu', displayName: '' }, 400, 'displayName'],
      [{ ...valid(), username: 'zhaoliu', displayName: 'a\u0000b' }, 400, 'displayName'],
    ];
    for (const [body, status, field] of cases) {
      const res = await admin.request('POST', '/api/v1/users', body);
      expect([res.statusCode, errorOf(res).field], JSON.stringify(body)).toEqual([status, field]);
    }
    expect(await auditCount(ctx)).toBe(before);
    const [row] = await ctx.sql<{ n: number }>(`select count(*)::int as n from users where username = 'zhaoliu'`);
    expect(row?.n).toBe(0);
  });

  it('is refused to non-sysAdmins (403) and outside a sysAdmin scope (404)', async () => {
    const secadmin = await login(ctx.app, 'secadmin');
    expect((await secadmin.request('POST', '/api/v1/users', { ...valid(), username: 'xone' })).statusCode).toBe(403);
    await secadmin.request('POST', `/api/v1/users/${await userId(ctx, 'zh02-03')}/grants`, {
      role: 'sysAdmin',
      unitId: await unitId(ctx, '东关镇'),
    });
    const townAdmin = await login(ctx.app, 'zh02-03');
    expect((await townAdmin.request('POST', '/api/v1/users', { ...valid(), username: 'xtwo' })).statusCode).toBe(404);
  });
});

describe('PATCH /api/v1/users/:id and reset-password', () => {
  it('edits and deactivates an account; its sessions end', async () => {
    const id = await userId(ctx, 'zh04-05');
    const victim = await login(ctx.app, 'zh04-05');
    const edited = await admin.request('PATCH', `/api/v1/users/${id}`, { displayName: '改名后', title: '副镇长' });
    expect(edited.json()).toMatchObject({ displayName: '改名后', title: '副镇长' });
    const off = await admin.request('PATCH', `/api/v1/users/${id}`, { isActive: false });
    expect(off.json().isActive).toBe(false);
    expect((await victim.request('GET', '/api/v1/me')).statusCode).toBe(401);
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'zh04-05', password: 'Duban-demo-2023' },
    });
    expect(again.statusCode).toBe(401);
    const [entry] = await ctx.sql<{ action: string }>('select action from audit_log order by id desc limit 2');
    expect(entry?.action).toBe('auth.loginFailed');
  });

  it('refuses bad input and answers 404 out of scope', async () => {
    const id = await userId(ctx, 'zh04-06');
    const bad = await admin.request('PATCH', `/api/v1/users/${id}`, { unitId: '00000000-0000-4000-8000-000000000000' });
    expect([bad.statusCode, errorOf(bad).field]).toEqual([422, 'unitId']);
    const head = await login(ctx.app, 'head');
    expect((await head.request('PATCH', `/api/v1/users/${id}`, { displayName: 'x' })).statusCode).toBe(404);
  });

  it('resets a password: unlocks, forces a change, refuses a weak one', async () => {
    const id = await userId(ctx, 'zh05-04');
    await ctx.sql(`update users set locked_until = now() + interval '10 minutes' where id = $1`, [id]);
    const weak = await admin.request('POST', `/api/v1/users/${id}/reset-password`, { password: 'weak' });
    expect([weak.statusCode, errorOf(weak).field]).toEqual([422, 'password']);
    const ok = await admin.request('POST', `/api/v1/users/${id}/reset-password`, { password: 'Reset-pass-9' });
    expect(ok.json()).toMatchObject({ mustChangePassword: true, lockedUntil: null });
    const user = await login(ctx.app, 'zh05-04', 'Reset-pass-9');
    expect(errorOf(await user.request('GET', '/api/v1/users')).code).toBe('PASSWORD_CHANGE_REQUIRED');
    const head = await login(ctx.app, 'head');
    expect(
      (await head.request('POST', `/api/v1/users/${id}/reset-password`, { password: 'Reset-pass-9' })).statusCode,
    ).toBe(404);
  });
});
