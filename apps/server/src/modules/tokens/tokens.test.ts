import { beforeAll, describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();
let head: TClient;

const bearer = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  ctx.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  head = await login(ctx.app, 'head');
});

describe('/api/v1/tokens', () => {
  it('creates a token shown once; it authenticates as its owner and can be revoked', async () => {
    const res = await head.request('POST', '/api/v1/tokens', { name: '报表同步' });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.token).toMatch(/^dbn_/);
    expect(created.access).toBe('read');
    const list = (await head.request('GET', '/api/v1/tokens')).json().items;
    expect(list).toHaveLength(1);
    expect(list[0].token).toBeUndefined();
    const me = await bearer(created.token, 'GET', '/api/v1/me');
    expect(me.json()).toMatchObject({ user: { username: 'head' }, via: 'token', csrfToken: null });
    const write = await bearer(created.token, 'PATCH', '/api/v1/me', { locale: 'en-US' });
    expect(write.statusCode).toBe(403);
    const revoked = await head.request('DELETE', `/api/v1/tokens/${created.id}`);
    expect([revoked.statusCode, revoked.body]).toEqual([204, '']);
    expect((await bearer(created.token, 'GET', '/api/v1/me')).statusCode).toBe(401);
    const actions = await ctx.sql<{ action: string }>(
      `select action from audit_log where target_type = 'apiToken' order by id`,
    );
    expect(actions.map((a) => a.action)).toEqual(['token.create', 'token.revoke']);
  });

  it('the OpenAPI document declares the 204 without a body that every delete answers', () => {
    const doc = ctx.app.swagger() as unknown as { paths: Record<string, Record<string, { responses: object }>> };
    const deletes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      ops.delete ? [{ path, responses: ops.delete.responses }] : [],
    );
    expect(deletes.map((op) => op.path)).toContain('/api/v1/tokens/{id}');
    for (const op of deletes) {
      expect(op, op.path).toEqual({ path: op.path, responses: { 204: { description: 'Done; no body' } } });
    }
  });

  it('limits a token to the listed grants of its owner', async () => {
    const secadmin = await login(ctx.app, 'secadmin');
    const extra = await secadmin.request('POST', `/api/v1/users/${head.userId}/grants`, {
      role: 'leader',
      unitId: await unitId(ctx, '示范县'),
    });
    expect(extra.statusCode).toBe(201);
    const grants = (await head.request('GET', `/api/v1/users/${head.userId}/grants`)).json().items;
    const unitHeadGrant = grants.find((g: { role: string }) => g.role === 'unitHead');
    const narrow = (
      await head.request('POST', '/api/v1/tokens', { name: '只看本镇', grantIds: [unitHeadGrant.id] })
    ).json();
    const wide = (await head.request('POST', '/api/v1/tokens', { name: '全部' })).json();
    const cadre2 = await userId(ctx, 'cadre2');
    expect((await bearer(wide.token, 'GET', `/api/v1/users/${cadre2}`)).statusCode).toBe(200);
    expect((await bearer(narrow.token, 'GET', `/api/v1/users/${cadre2}`)).statusCode).toBe(404);
    expect((await bearer(narrow.token, 'GET', '/api/v1/me')).json().roles).toEqual(['unitHead']);
    // Revoking the owner's grant narrows every token at once.
    await secadmin.request('DELETE', `/api/v1/users/${head.userId}/grants/${extra.json().id}`);
    expect((await bearer(wide.token, 'GET', `/api/v1/users/${cadre2}`)).statusCode).toBe(404);
  });

  it('refuses grants the owner does not hold and bad input, writing nothing', async () => {
    const before = await auditCount(ctx);
    const foreign = await head.request('POST', '/api/v1/tokens', {
      name: 'x',
      grantIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect([foreign.statusCode, errorOf(foreign).field]).toEqual([422, 'grantIds']);
    const noName = await head.request('POST', '/api/v1/tokens', { access: 'read' });
    expect([noName.statusCode, errorOf(noName).field]).toEqual([400, 'name']);
    const badAccess = await head.request('POST', '/api/v1/tokens', { name: 'x', access: 'root' });
    expect([badAccess.statusCode, errorOf(badAccess).field]).toEqual([400, 'access']);
    expect(await auditCount(ctx)).toBe(before);
  });

  it("answers 404 for another person's token, and a token cannot mint tokens", async () => {
    const mine = (await head.request('POST', '/api/v1/tokens', { name: '读写', access: 'readWrite' })).json();
    const cadre = await login(ctx.app, 'cadre');
    expect((await cadre.request('DELETE', `/api/v1/tokens/${mine.id}`)).statusCode).toBe(404);
    const minted = await bearer(mine.token, 'POST', '/api/v1/tokens', { name: 'child' });
    expect(minted.statusCode).toBe(403);
  });

  it('refuses an unknown Bearer token', async () => {
    const res = await bearer('dbn_nonsense', 'GET', '/api/v1/me');
    expect([res.statusCode, errorOf(res).code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
