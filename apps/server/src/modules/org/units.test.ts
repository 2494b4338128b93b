import { beforeAll, describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, type TClient, unitId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();
let admin: TClient;
let townAdmin: TClient;
let county: string;
let town: string;

beforeAll(async () => {
  admin = await login(ctx.app, 'admin');
  county = await unitId(ctx, '示范县');
  town = await unitId(ctx, '东关镇');
  // A sysAdmin whose power covers only 东关镇.
  const secadmin = await login(ctx.app, 'secadmin');
  const [row] = await ctx.sql<{ id: string }>(`select id from users where username = 'zh02-03'`);
  const granted = await secadmin.request('POST', `/api/v1/users/${row?.id}/grants`, { role: 'sysAdmin', unitId: town });
  expect(granted.statusCode).toBe(201);
  townAdmin = await login(ctx.app, 'zh02-03');
});

describe('GET /api/v1/units', () => {
  it('lists the whole tree to any user', async () => {
    const cadre = await login(ctx.app, 'cadre');
    const res = await cadre.request('GET', '/api/v1/units');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { name: string; category: string; parentId: string | null }[];
    expect(items).toHaveLength(58);
    expect(items.filter((u) => u.category === 'township')).toHaveLength(15);
    expect(items.find((u) => u.parentId === null)?.name).toBe('示范县');
  });

  it('GET /units/:id answers one unit, 404 for an unknown id, 400 for a malformed id', async () => {
    expect((await admin.request('GET', `/api/v1/units/${town}`)).json().name).toBe('东关镇');
    expect((await admin.request('GET', '/api/v1/units/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const bad = await admin.request('GET', '/api/v1/units/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).field).toBe('id');
  });
});

describe('POST /api/v1/units', () => {
  it('creates a unit under a parent and audits it', async () => {
    const before = await auditCount(ctx);
    const res = await admin.request('POST', '/api/v1/units', { name: '综合办公室', category: 'other', parentId: town });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '综合办公室', parentId: town, isActive: true });
    const [entry] = await ctx.sql<{ action: string; target_id: string }>(
      'select action, target_id from audit_log order by id desc limit 1',
    );
    expect(entry).toEqual({ action: 'unit.create', target_id: res.json().id });
    expect(await auditCount(ctx)).toBe(before + 1);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await auditCount(ctx);
    const noName = await admin.request('POST', '/api/v1/units', { category: 'other', parentId: town });
    expect([noName.statusCode, errorOf(noName).field]).toEqual([400, 'name']);
    const longName = await admin.request('POST', '/api/v1/units', {
      name: '长'.repeat(101),
      category: 'other',
      parentId: town,
    });
    expect([longName.statusCode, errorOf(longName).field]).toEqual([400, 'name']);
    const badCategory = await admin.request('POST', '/api/v1/units', { name: 'x', category: 'planet', parentId: town });
    expect([badCategory.statusCode, errorOf(badCategory).field]).toEqual([400, 'category']);
    const unknownParent = await admin.request('POST', '/api/v1/units', {
      name: 'x',
      category: 'other',
      parentId: '00000000-0000-4000-8000-000000000000',
    });
    expect([unknownParent.statusCode, errorOf(unknownParent).field]).toEqual([422, 'parentId']);
    expect(await auditCount(ctx)).toBe(before);
  });

  it('answers 404 to a sysAdmin whose scope does not reach the parent, 403 to other roles', async () => {
    const outside = await townAdmin.request('POST', '/api/v1/units', {
      name: 'x',
      category: 'other',
      parentId: county,
    });
    expect(outside.statusCode).toBe(404);
    const inside = await townAdmin.request('POST', '/api/v1/units', {
      name: '村级工作站',
      category: 'other',
      parentId: town,
    });
    expect(inside.statusCode).toBe(201);
    const leader = await login(ctx.app, 'leader');
    const forbidden = await leader.request('POST', '/api/v1/units', { name: 'x', category: 'other', parentId: town });
    expect(forbidden.statusCode).toBe(403);
  });
});

describe('PATCH /api/v1/units/:id', () => {
  it('renames, moves and deactivates; refuses a move under its own descendant', async () => {
    const parent = (
      await admin.request('POST', '/api/v1/units', { name: '甲', category: 'other', parentId: county })
    ).json();
    const child = (
      await admin.request('POST', '/api/v1/units', { name: '乙', category: 'other', parentId: parent.id })
    ).json();
    const renamed = await admin.request('PATCH', `/api/v1/units/${parent.id}`, { name: '甲办' });
    expect(renamed.json().name).toBe('甲办');

    const before = await auditCount(ctx);
    const loop = await admin.request('PATCH', `/api/v1/units/${parent.id}`, { parentId: child.id });
    expect(loop.statusCode).toBe(422);
    expect(errorOf(loop)).toMatchObject({ code: 'INVALID_MOVE', field: 'parentId' });
    const self = await admin.request('PATCH', `/api/v1/units/${parent.id}`, { parentId: parent.id });
    expect(errorOf(self).code).toBe('INVALID_MOVE');
    expect(await auditCount(ctx)).toBe(before);

    const person = await admin.request('POST', '/api/v1/users', {
      username: 'mover',
      displayName: '随迁人员',
      unitId: child.id,
      password: 'Mover-pass-1',
    });
    expect(person.statusCode).toBe(201);
    const moved = await admin.request('PATCH', `/api/v1/units/${parent.id}`, { parentId: town });
    expect(moved.json().parentId).toBe(town);
    // The people of a moved subtree move with it.
    const inTown = (await admin.request('GET', `/api/v1/users?unitId=${town}&q=mover`)).json();
    expect(inTown.items.map((u: { username: string }) => u.username)).toEqual(['mover']);
    const [paths] = await ctx.sql<{ ok: boolean }>(
      `select (select path from units where id = $1) like (select path from units where id = $2) || '%' as ok`,
      [child.id, town],
    );
    expect(paths?.ok).toBe(true);

    await admin.request('PATCH', `/api/v1/users/${person.json().id}`, { unitId: town });
    const busy = await admin.request('PATCH', `/api/v1/units/${parent.id}`, { isActive: false });
    expect([busy.statusCode, errorOf(busy).field]).toEqual([409, 'isActive']);
    expect((await admin.request('PATCH', `/api/v1/units/${child.id}`, { isActive: false })).json().isActive).toBe(
      false,
    );
    expect((await admin.request('PATCH', `/api/v1/units/${parent.id}`, { isActive: false })).json().isActive).toBe(
      false,
    );
  });

  it('refuses unknown fields and answers 404 outside the sysAdmin scope', async () => {
    const unknownField = await admin.request('PATCH', `/api/v1/units/${town}`, { colour: 'red' });
    expect(unknownField.statusCode).toBe(400);
    const outside = await townAdmin.request('PATCH', `/api/v1/units/${county}`, { name: '改名' });
    expect(outside.statusCode).toBe(404);
    const moveOut = await townAdmin.request('PATCH', `/api/v1/units/${town}`, {
      parentId: await unitId(ctx, '西河镇'),
    });
    expect(moveOut.statusCode).toBe(404);
  });
});

describe('DELETE /api/v1/units/:id', () => {
  it('deletes a unit without history and refuses one with people', async () => {
    const empty = (
      await admin.request('POST', '/api/v1/units', { name: '临时专班', category: 'other', parentId: county })
    ).json();
    expect((await admin.request('DELETE', `/api/v1/units/${empty.id}`)).statusCode).toBe(204);
    expect((await admin.request('GET', `/api/v1/units/${empty.id}`)).statusCode).toBe(404);
    const withPeople = await admin.request('DELETE', `/api/v1/units/${town}`);
    expect(withPeople.statusCode).toBe(409);
    expect((await townAdmin.request('DELETE', `/api/v1/units/${county}`)).statusCode).toBe(404);
  });
});
