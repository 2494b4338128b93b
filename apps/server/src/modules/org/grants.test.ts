import { beforeAll, describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();
let secadmin: TClient;
let target: string;
let town: string;

beforeAll(async () => {
  secadmin = await login(ctx.app, 'secadmin');
  target = await userId(ctx, 'zh06-04');
  town = await unitId(ctx, '青石镇');
});

describe('/api/v1/users/:id/grants', () => {
  it('secAdmin grants a role, the grant takes effect, and revokes it', async () => {
    const res = await secadmin.request('POST', `/api/v1/users/${target}/grants`, { role: 'unitHead', unitId: town });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ role: 'unitHead', unitName: '青石镇', includeSubtree: true });
    const [entry] = await ctx.sql<{ action: string }>('select action from audit_log order by id desc limit 1');
    expect(entry?.action).toBe('grant.create');
    const list = (await secadmin.request('GET', `/api/v1/users/${target}/grants`)).json().items;
    expect(list.map((g: { role: string }) => g.role).sort()).toEqual(['cadre', 'unitHead']);
    const user = await login(ctx.app, 'zh06-04');
    expect((await user.request('GET', '/api/v1/users')).json().total).toBeGreaterThan(1);
    const revoked = await secadmin.request('DELETE', `/api/v1/users/${target}/grants/${res.json().id}`);
    expect(revoked.statusCode).toBe(204);
    expect((await user.request('GET', '/api/v1/users')).json().total).toBe(1);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await auditCount(ctx);
    const badRole = await secadmin.request('POST', `/api/v1/users/${target}/grants`, { role: 'emperor', unitId: town });
    expect([badRole.statusCode, errorOf(badRole).field]).toEqual([400, 'role']);
    const unknownUnit = await secadmin.request('POST', `/api/v1/users/${target}/grants`, {
      role: 'cadre',
      unitId: '00000000-0000-4000-8000-000000000000',
    });
    expect([unknownUnit.statusCode, errorOf(unknownUnit).field]).toEqual([422, 'unitId']);
    const first = await secadmin.request('POST', `/api/v1/users/${target}/grants`, { role: 'judge', unitId: town });
    expect(first.statusCode).toBe(201);
    const duplicate = await secadmin.request('POST', `/api/v1/users/${target}/grants`, { role: 'judge', unitId: town });
    expect([duplicate.statusCode, errorOf(duplicate).field]).toEqual([409, 'role']);
    expect(await auditCount(ctx)).toBe(before + 1);
  });

  it('separates duties: sysAdmin cannot grant (403), nobody grants to themself, a scoped secAdmin gets 404 outside', async () => {
    const admin = await login(ctx.app, 'admin');
    const bySys = await admin.request('POST', `/api/v1/users/${target}/grants`, { role: 'leader', unitId: town });
    expect(bySys.statusCode).toBe(403);
    const self = await secadmin.request('POST', `/api/v1/users/${secadmin.userId}/grants`, {
      role: 'leader',
      unitId: town,
    });
    expect(self.statusCode).toBe(403);
    const scoped = await userId(ctx, 'zh07-03');
    await secadmin.request('POST', `/api/v1/users/${scoped}/grants`, {
      role: 'secAdmin',
      unitId: await unitId(ctx, '龙潭镇'),
    });
    const townSec = await login(ctx.app, 'zh07-03');
    const outsideUser = await townSec.request('POST', `/api/v1/users/${target}/grants`, {
      role: 'cadre',
      unitId: town,
    });
    expect(outsideUser.statusCode).toBe(404);
    const insideUser = await userId(ctx, 'zh07-04');
    const outsideUnit = await townSec.request('POST', `/api/v1/users/${insideUser}/grants`, {
      role: 'leader',
      unitId: town,
    });
    expect(outsideUnit.statusCode).toBe(404);
    expect((await townSec.request('GET', `/api/v1/users/${target}/grants`)).statusCode).toBe(404);
  });

  it('lets a user read their own grants but not another’s', async () => {
    const cadre = await login(ctx.app, 'cadre');
    expect((await cadre.request('GET', `/api/v1/users/${cadre.userId}/grants`)).json().items[0].role).toBe('cadre');
    expect((await cadre.request('GET', `/api/v1/users/${target}/grants`)).statusCode).toBe(404);
  });

  it('三员分立: no account holds two of sysAdmin, secAdmin and auditor — every pair refused naming the role', async () => {
    const county = await unitId(ctx, '示范县');
    const holders = { sysAdmin: 'admin', secAdmin: 'secadmin', auditor: 'auditor' } as const;
    const roles = Object.keys(holders) as (keyof typeof holders)[];
    const admin = await login(ctx.app, 'admin');
    const before = await auditCount(ctx);
    for (const held of roles) {
      const id = await userId(ctx, holders[held]);
      for (const role of roles.filter((r) => r !== held)) {
        // secAdmin never grants to themself, so a second secAdmin account stands in for that pair.
        const granter = held === 'secAdmin' ? admin : secadmin;
        const res = await granter.request('POST', `/api/v1/users/${id}/grants`, { role, unitId: county });
        if (held === 'secAdmin') {
          expect(res.statusCode, `${role} to the secAdmin account, by sysAdmin`).toBe(403);
          continue;
        }
        expect([res.statusCode, errorOf(res).field], `${role} to the ${held} account`).toEqual([422, 'role']);
      }
    }
    expect(await auditCount(ctx)).toBe(before);
    // A second secAdmin (granted to a plain account) cannot give the first one auditor or sysAdmin either.
    const second = await userId(ctx, 'zh07-04');
    expect(
      (await secadmin.request('POST', `/api/v1/users/${second}/grants`, { role: 'secAdmin', unitId: county }))
        .statusCode,
    ).toBe(201);
    const other = await login(ctx.app, 'zh07-04');
    const first = await userId(ctx, 'secadmin');
    for (const role of ['auditor', 'sysAdmin']) {
      const res = await other.request('POST', `/api/v1/users/${first}/grants`, { role, unitId: county });
      expect([res.statusCode, errorOf(res).field]).toEqual([422, 'role']);
    }
    // The same role again on another unit is no second duty.
    expect(
      (await secadmin.request('POST', `/api/v1/users/${second}/grants`, { role: 'secAdmin', unitId: town })).statusCode,
    ).toBe(201);
  });

  it('two separated roles granted at once to one account: one lands, the other is refused', async () => {
    const county = await unitId(ctx, '示范县');
    const id = await userId(ctx, 'zh08-04');
    const answers = await Promise.all(
      ['auditor', 'sysAdmin'].map((role) =>
        secadmin.request('POST', `/api/v1/users/${id}/grants`, { role, unitId: county }),
      ),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    const [held] = await ctx.sql<{ n: number }>(
      `select count(distinct role)::int as n from role_grants where user_id = $1 and role in ('sysAdmin', 'secAdmin', 'auditor')`,
      [id],
    );
    expect(held?.n).toBe(1);
  });

  it('the database refuses a second separated role written past the service', async () => {
    const id = await userId(ctx, 'auditor');
    const county = await unitId(ctx, '示范县');
    await expect(
      ctx.sql(`insert into role_grants (user_id, role, unit_id, include_subtree) values ($1, 'sysAdmin', $2, true)`, [
        id,
        county,
      ]),
    ).rejects.toThrow(/at most one of sysAdmin, secAdmin and auditor/);
  });
});
