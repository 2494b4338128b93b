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
    const result = await verifyAuditChain(db, 7);
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
});
