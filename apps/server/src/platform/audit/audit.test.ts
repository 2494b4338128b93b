import { createHash } from 'node:crypto';
import { canonicalJson } from '@duban/domain';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/harness.ts';
import { appendAudit, appendAudits, verifyAuditChain } from './audit.ts';

const ctx = useTestApp();

describe('audit chain', () => {
  it('stays one unbroken chain when many transactions append at once', async () => {
    const { db } = ctx.database;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db.transaction((tx) =>
          appendAudit(tx, {
            actor: null,
            action: 'test.concurrent',
            targetType: 'test',
            targetId: String(i),
            after: { i },
          }),
        ),
      ),
    );
    const result = await verifyAuditChain(db, { batchSize: 7 });
    expect(result.ok).toBe(true);
    expect(result.checked).toBe(41);
  });

  it('leaves no entry behind when the transaction that wrote it fails', async () => {
    const { db } = ctx.database;
    await expect(
      db.transaction(async (tx) => {
        await appendAudit(tx, { actor: null, action: 'test.rolledBack', targetType: 'test', targetId: null });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    const rows = await ctx.sql(`select 1 from audit_log where action = 'test.rolledBack'`);
    expect(rows).toHaveLength(0);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('appends thousands of entries at once, in chain order, past the parameter limit of one statement', async () => {
    const { db } = ctx.database;
    await db.transaction((tx) =>
      appendAudits(
        tx,
        Array.from({ length: 7000 }, (_, i) => ({
          actor: null,
          action: 'test.bulk',
          targetType: 'test',
          targetId: String(i),
          before: i % 2 ? null : { 'quote"back\\slash': `{${i}}` },
          after: { i },
        })),
      ),
    );
    const rows = await ctx.sql<{ target_id: string }>(
      `select target_id from audit_log where action = 'test.bulk' order by id`,
    );
    expect(rows.map((r) => Number(r.target_id))).toEqual(Array.from({ length: 7000 }, (_, i) => i));
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('keeps Chinese text and nested values verifiable after a round trip through jsonb', async () => {
    const { db } = ctx.database;
    await db.transaction((tx) =>
      appendAudit(tx, {
        actor: { id: '00000000-0000-4000-8000-000000000001', name: '测试' },
        action: 'test.unicode',
        targetType: 'test',
        targetId: 'x',
        before: { 名称: '东关镇', list: [1, 2.5, { z: true, a: null }] },
        after: { 名称: '东关镇人民政府', emoji: '✓', big: 12345678901 },
      }),
    );
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('seals entries in the order their transactions commit, and a writer does not wait for another to commit', async () => {
    const { db } = ctx.database;
    let written!: () => void;
    let release!: () => void;
    const firstWritten = new Promise<void>((resolve) => {
      written = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = db.transaction(async (tx) => {
      await appendAudit(tx, { actor: null, action: 'test.order.first', targetType: 'test', targetId: null });
      written();
      await released;
    });
    await firstWritten;
    // The first transaction is still open: the second appends and commits meanwhile.
    await db.transaction((tx) =>
      appendAudit(tx, { actor: null, action: 'test.order.second', targetType: 'test', targetId: null }),
    );
    release();
    await first;
    const rows = await ctx.sql<{ id: string; seq: string; action: string }>(
      `select id, seq, action from audit_log where action like 'test.order.%' order by seq`,
    );
    expect(rows.map((r) => r.action)).toEqual(['test.order.second', 'test.order.first']);
    expect(Number(rows[0]?.id)).toBeGreaterThan(Number(rows[1]?.id));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('refuses to seal an entry twice or to change a sealed one', async () => {
    await expect(
      ctx.adminSql(`update audit_log set seq = seq + 1000, hash = repeat('1', 64) where id = 1`),
    ).rejects.toThrow(/append-only/);
    await expect(
      ctx.sql(`insert into audit_log (at, action, target_type) values (now(), 'test.raw', 'test')`),
    ).rejects.toThrow(/entry_hash/);
  });

  it('verifies entries of the first chain format, whose hash covers the fields and the previous hash', async () => {
    const { db } = ctx.database;
    const [head] = await ctx.sql<{ seq: string; hash: string }>('select seq, hash from audit_chain');
    const fields = {
      at: '2026-01-05T01:02:03.004Z',
      actorId: null,
      actorName: '测试',
      action: 'test.legacy',
      targetType: 'test',
      targetId: '1',
      before: null,
      after: { 名称: '东关镇' },
      ip: null,
      prevHash: head?.hash,
    };
    const hash = createHash('sha256').update(canonicalJson(fields)).digest('hex');
    await ctx.adminSql('alter table audit_log disable trigger audit_log_seal');
    try {
      await ctx.adminSql(
        `insert into audit_log (seq, at, actor_name, action, target_type, target_id, after, prev_hash, hash)
         values ($1, $2, '测试', 'test.legacy', 'test', '1', $3, $4, $5)`,
        [Number(head?.seq) + 1, fields.at, JSON.stringify(fields.after), head?.hash, hash],
      );
      await ctx.adminSql('update audit_chain set seq = seq + 1, hash = $1', [hash]);
    } finally {
      await ctx.adminSql('alter table audit_log enable trigger audit_log_seal');
    }
    await db.transaction((tx) =>
      appendAudit(tx, { actor: null, action: 'test.after', targetType: 'test', targetId: null }),
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    const [legacy] = await ctx.sql<{ prev_hash: string }>(
      `select prev_hash from audit_log where action = 'test.after'`,
    );
    expect(legacy?.prev_hash).toBe(hash);
  });

  it('names an entry left out of the chain (its seal turned off)', async () => {
    const { db } = ctx.database;
    await ctx.adminSql('alter table audit_log disable trigger audit_log_seal');
    try {
      await db.transaction((tx) =>
        appendAudit(tx, { actor: null, action: 'test.unsealed', targetType: 'test', targetId: null }),
      );
    } finally {
      await ctx.adminSql('alter table audit_log enable trigger audit_log_seal');
    }
    const [row] = await ctx.sql<{ id: string }>(`select id from audit_log where action = 'test.unsealed'`);
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: false, firstBrokenId: Number(row?.id) });
  });
});
