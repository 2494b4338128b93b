import type { TTarget } from '@duban/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, type TClient, unitId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();
let leader: TClient;
let supervisor: TClient;
let town: string;
let east: string;
let counter = 0;

async function createTarget(): Promise<TTarget> {
  counter += 1;
  const res = await supervisor.request('POST', '/api/v1/targets', {
    year: 2026,
    name: `并发·目标 ${counter}`,
    measure: '户',
    kind: 'count',
    total: 1000,
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.headers.etag).toBe(`"${res.json().version}"`);
  return res.json();
}

const targetRow = async (id: string) =>
  (await ctx.sql<{ total: string; version: number }>('select total, version from targets where id = $1', [id]))[0];

beforeAll(async () => {
  leader = await login(ctx.app, 'leader');
  supervisor = await login(ctx.app, 'supervisor');
  town = await unitId(ctx, '城关镇');
  east = await unitId(ctx, '东关镇');
});

describe('a target’s ETag and If-Match', () => {
  it('GET answers the ETag; a matching If-Match writes and answers the next one', async () => {
    const created = await createTarget();
    const got = await leader.request('GET', `/api/v1/targets/${created.id}`);
    expect(got.headers.etag).toBe(`"${created.version}"`);
    const res = await leader.request(
      'PATCH',
      `/api/v1/targets/${created.id}`,
      { total: 1200 },
      { 'if-match': got.headers.etag as string },
    );
    expect([res.statusCode, res.headers.etag, res.json().total]).toEqual([200, `"${created.version + 1}"`, 1200]);
  });

  it('a stale If-Match answers 412 with the target as it stands and who changed it, and writes nothing', async () => {
    const created = await createTarget();
    const etag = `"${created.version}"`;
    expect(
      (await leader.request('PATCH', `/api/v1/targets/${created.id}`, { total: 1500 }, { 'if-match': etag }))
        .statusCode,
    ).toBe(200);
    const audits = await auditCount(ctx);
    const stale = await supervisor.request(
      'PATCH',
      `/api/v1/targets/${created.id}`,
      { total: 900, note: '督查室改的' },
      { 'if-match': etag },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error).toMatchObject({
      code: 'STALE_VERSION',
      current: { id: created.id, total: 1500, note: null, version: created.version + 1 },
      lastChange: { actorId: leader.userId, action: 'target.update', actorName: expect.any(String) },
    });
    expect(await targetRow(created.id)).toMatchObject({ version: created.version + 1 });
    expect(Number((await targetRow(created.id))?.total)).toBe(1500);
    expect(await auditCount(ctx)).toBe(audits);
  });

  it('of two writes sent with the same If-Match at once, exactly one succeeds', async () => {
    const created = await createTarget();
    const etag = `"${created.version}"`;
    const results = await Promise.all(
      [leader, supervisor].map((c, i) =>
        c.request('PATCH', `/api/v1/targets/${created.id}`, { total: 2000 + i }, { 'if-match': etag }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    expect((await targetRow(created.id))?.version).toBe(created.version + 1);
  });

  it('an If-Match that is not an ETag answers 400 naming it; without one the write is not checked', async () => {
    const created = await createTarget();
    const bad = await leader.request('PATCH', `/api/v1/targets/${created.id}`, { total: 1 }, { 'if-match': 'v1' });
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'if-match']);
    expect((await targetRow(created.id))?.version).toBe(created.version);
    const unchecked = await leader.request('PATCH', `/api/v1/targets/${created.id}`, { total: 3 });
    expect(unchecked.statusCode).toBe(200);
  });
});

describe('allocations move the target’s version', () => {
  it('a new set answers the next ETag; a stale one is 412 and the allocations stay as they were', async () => {
    const created = await createTarget();
    const etag = `"${created.version}"`;
    const url = `/api/v1/targets/${created.id}/allocations`;
    const first = await leader.request(
      'PUT',
      url,
      { allocations: [{ unitId: town, amount: 300 }] },
      { 'if-match': etag },
    );
    expect([first.statusCode, first.headers.etag]).toEqual([200, `"${created.version + 1}"`]);
    const audits = await auditCount(ctx);
    const stale = await supervisor.request(
      'PUT',
      url,
      { allocations: [{ unitId: east, amount: 200 }] },
      { 'if-match': etag },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.lastChange).toMatchObject({ actorId: leader.userId, action: 'target.allocate' });
    expect(stale.json().error.current.allocations.map((a: { unit: { id: string } }) => a.unit.id)).toEqual([town]);
    expect(await auditCount(ctx)).toBe(audits);
    const again = await Promise.all(
      [leader, supervisor].map((c, i) =>
        c.request(
          'PUT',
          url,
          { allocations: [{ unitId: east, amount: 100 + i }] },
          { 'if-match': first.headers.etag as string },
        ),
      ),
    );
    expect(again.map((r) => r.statusCode).sort()).toEqual([200, 412]);
  });

  it('a reported actual does not move the version', async () => {
    const created = await createTarget();
    await leader.request('PUT', `/api/v1/targets/${created.id}/allocations`, {
      allocations: [{ unitId: town, amount: 300 }],
    });
    const before = (await targetRow(created.id))?.version;
    const res = await supervisor.request('POST', `/api/v1/targets/${created.id}/actuals`, {
      unitId: town,
      month: 1,
      value: 10,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await targetRow(created.id))?.version).toBe(before);
  });
});
