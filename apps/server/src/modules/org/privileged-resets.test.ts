import { beforeAll, describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();
let admin: TClient;
let secadmin: TClient;
let auditor: TClient;
/** A second secAdmin, to show that one of the opener's own role cannot confirm. */
let secadmin2: TClient;

const open = (by: TClient, username: string) =>
  userId(ctx, username).then((id) => by.request('POST', `/api/v1/users/${id}/privileged-reset`));
const confirm = (by: TClient, resetId: string) => by.request('POST', `/api/v1/privileged-resets/${resetId}/confirm`);

async function loginWith(username: string, password: string) {
  return ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
}

beforeAll(async () => {
  admin = await login(ctx.app, 'admin');
  secadmin = await login(ctx.app, 'secadmin');
  auditor = await login(ctx.app, 'auditor');
  const county = await unitId(ctx, '示范县');
  const granted = await secadmin.request('POST', `/api/v1/users/${await userId(ctx, 'zh03-04')}/grants`, {
    role: 'secAdmin',
    unitId: county,
  });
  expect(granted.statusCode).toBe(201);
  secadmin2 = await login(ctx.app, 'zh03-04');
});

describe('the three administrators’ accounts are never reset by one person (三员分立)', () => {
  it('sysAdmin’s ordinary reset refuses them (403) and writes nothing', async () => {
    const before = await auditCount(ctx);
    for (const username of ['secadmin', 'auditor', 'zh03-04']) {
      const id = await userId(ctx, username);
      const res = await admin.request('POST', `/api/v1/users/${id}/reset-password`, { password: 'Taken-over-123' });
      expect(res.statusCode, username).toBe(403);
    }
    expect(await auditCount(ctx)).toBe(before);
    expect((await loginWith('auditor', 'Taken-over-123')).statusCode).toBe(401);
  });

  it.each([
    // target, opener, confirmer
    ['auditor', 'secadmin', 'admin'],
    ['secadmin', 'admin', 'auditor'],
    ['admin', 'secadmin', 'auditor'],
  ] as const)(
    '%s: opened by %s, confirmed by %s; neither half alone logs in, the joined halves do',
    async (target, by, with_) => {
      const clients = { admin, secadmin, auditor } as Record<string, TClient>;
      const opener = clients[by] as TClient;
      const confirmer = clients[with_] as TClient;
      const first = await open(opener, target);
      expect(first.statusCode).toBe(201);
      const one = first.json() as { resetId: string; position: string; half: string; username: string };
      expect(one).toMatchObject({ position: 'first', username: target });
      expect(one.half.length).toBeGreaterThanOrEqual(8);
      // The list shows it to each administrator, and who may confirm it.
      const listed = (await confirmer.request('GET', '/api/v1/privileged-resets')).json().items;
      expect(listed).toContainEqual(expect.objectContaining({ id: one.resetId, username: target, canConfirm: true }));
      const asOpener = (await opener.request('GET', '/api/v1/privileged-resets')).json().items;
      expect(asOpener).toContainEqual(expect.objectContaining({ id: one.resetId, canConfirm: false }));
      // The opener, the owner, and another holder of the opener's role cannot confirm.
      const owner = clients[target] as TClient;
      const sameRole = by === 'secadmin' ? secadmin2 : null;
      for (const who of [opener, owner, ...(sameRole ? [sameRole] : [])]) {
        expect((await confirm(who, one.resetId)).statusCode).toBe(403);
      }
      const second = await confirm(confirmer, one.resetId);
      expect(second.statusCode).toBe(200);
      const two = second.json() as { half: string; position: string };
      expect(two.position).toBe('second');
      expect((await loginWith(target, one.half)).statusCode).toBe(401);
      expect((await loginWith(target, two.half)).statusCode).toBe(401);
      const joined = await loginWith(target, `${one.half}${two.half}`);
      expect(joined.statusCode).toBe(200);
      expect(joined.json().user.mustChangePassword).toBe(true);
      // Confirmed once: it is gone from the list and cannot be confirmed again.
      expect((await confirm(confirmer, one.resetId)).statusCode).toBe(404);
      const actions = await ctx.sql<{ action: string }>(
        `select action from audit_log where target_id = $1 and action like 'user.privilegedReset.%' order by id`,
        [await userId(ctx, target)],
      );
      expect(actions.map((a) => a.action)).toEqual(['user.privilegedReset.open', 'user.privilegedReset.confirm']);
      // The auditors and the owner are told of both steps.
      const [told] = await ctx.sql<{ n: number }>(
        `select count(*)::int as n from inbox_items where kind = 'privilegedReset' and user_id = $1 and title like $2`,
        [await userId(ctx, 'auditor'), `%账号 ${target} 的%`],
      );
      expect(told?.n).toBe(2);
      // The account's old sessions ended with the reset.
      const relogged = await login(ctx.app, target, `${one.half}${two.half}`);
      const changed = await relogged.request('POST', '/api/v1/auth/password', {
        currentPassword: `${one.half}${two.half}`,
        newPassword: 'Duban-demo-2023',
      });
      expect(changed.statusCode).toBe(200);
      if (target === 'admin') admin = await login(ctx.app, 'admin');
      if (target === 'secadmin') secadmin = await login(ctx.app, 'secadmin');
      if (target === 'auditor') auditor = await login(ctx.app, 'auditor');
    },
  );

  it('one reset at a time (409); the opener cancels it; an expired one cannot be confirmed', async () => {
    const first = await open(secadmin, 'auditor');
    expect(first.statusCode).toBe(201);
    const again = await open(admin, 'auditor');
    expect([again.statusCode, errorOf(again).field]).toEqual([409, 'id']);
    const resetId = first.json().resetId as string;
    expect((await auditor.request('POST', `/api/v1/privileged-resets/${resetId}/cancel`)).statusCode).toBe(403);
    expect((await secadmin.request('POST', `/api/v1/privileged-resets/${resetId}/cancel`)).statusCode).toBe(200);
    expect((await confirm(admin, resetId)).statusCode).toBe(404);
    const next = await open(secadmin, 'auditor');
    expect(next.statusCode).toBe(201);
    await ctx.sql(`update privileged_resets set expires_at = now() - interval '1 second' where id = $1`, [
      next.json().resetId,
    ]);
    expect((await confirm(admin, next.json().resetId)).statusCode).toBe(404);
    expect((await open(secadmin, 'auditor')).statusCode).toBe(201);
    const [kept] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from privileged_resets where state <> 'open' and first_half is not null`,
    );
    expect(kept?.n, 'no closed reset keeps its half').toBe(0);
  });

  it('refuses bad input naming the field, others and ids out of scope, writing nothing', async () => {
    const before = await auditCount(ctx);
    const malformed = await admin.request('POST', '/api/v1/users/not-an-id/privileged-reset');
    expect([malformed.statusCode, errorOf(malformed).field]).toEqual([400, 'id']);
    const plain = await open(admin, 'zh04-04');
    expect([plain.statusCode, errorOf(plain).field]).toEqual([422, 'id']);
    expect((await open(auditor, 'admin')).statusCode).toBe(404);
    const cadre = await login(ctx.app, 'cadre');
    expect((await open(cadre, 'admin')).statusCode).toBe(404);
    expect((await cadre.request('GET', '/api/v1/privileged-resets')).json().items).toEqual([]);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await confirm(admin, missing)).statusCode).toBe(404);
    const [openReset] = await ctx.sql<{ id: string }>(`select id from privileged_resets where state = 'open'`);
    expect((await confirm(cadre, openReset?.id ?? missing)).statusCode).toBe(404);
    const badConfirm = await admin.request('POST', '/api/v1/privileged-resets/x/confirm');
    expect([badConfirm.statusCode, errorOf(badConfirm).field]).toEqual([400, 'id']);
    // Cancelling: a malformed id, an unknown one, and a reset out of the caller's sight.
    const badCancel = await admin.request('POST', '/api/v1/privileged-resets/x/cancel');
    expect([badCancel.statusCode, errorOf(badCancel).field]).toEqual([400, 'id']);
    expect((await admin.request('POST', `/api/v1/privileged-resets/${missing}/cancel`)).statusCode).toBe(404);
    expect(
      (await cadre.request('POST', `/api/v1/privileged-resets/${openReset?.id ?? missing}/cancel`)).statusCode,
    ).toBe(404);
    const [stillOpen] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from privileged_resets where state = 'open'`,
    );
    expect(stillOpen?.n).toBe(1);
    // Nothing but the cadre's login was written.
    expect(await auditCount(ctx)).toBe(before + 1);
  });
});
