import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { isAnchorDue, readAnchors, writeAnchor } from '../../platform/audit/anchor.ts';
import { verifyAuditChain } from '../../platform/audit/audit.ts';
import { RUNTIME_ROLE, runtimeRoleRisks } from '../../platform/db/roles.ts';
import { withDatabase } from '../../test/global-setup.ts';
import { auditCount, login, useTestApp } from '../../test/harness.ts';
import { anchorAudit } from './audit.service.ts';

const ctx = useTestApp();

let admin: pg.Client | undefined;
/** A superuser's connection to the maintenance database. */
async function adminClient(): Promise<pg.Client> {
  if (!admin) {
    admin = new pg.Client({ connectionString: withDatabase(inject('adminUrl'), 'postgres') });
    await admin.connect();
  }
  return admin;
}
afterAll(() => admin?.end());

describe('the role the platform runs as', () => {
  it('is not a superuser and can neither change the log, move the chain, nor lift the rules', async () => {
    expect(await runtimeRoleRisks(ctx.database.pool)).toEqual([]);
    expect(await runtimeRoleRisks(await adminClient())).toEqual([expect.stringMatching(/superuser/)]);
    const refused = [
      `update audit_log set action = 'x' where id = 1`,
      'delete from audit_log where id = 1',
      'truncate audit_log',
      `update audit_chain set seq = 0, hash = repeat('0', 64)`,
      'alter table audit_log disable trigger audit_log_append_only',
      'alter table audit_log disable trigger audit_log_seal',
      'set session_replication_role = replica',
      `insert into audit_log (seq, at, action, target_type, entry_hash, prev_hash, hash)
       values (999999, now(), 'test.forged', 'test', repeat('1', 64), repeat('1', 64), repeat('1', 64))`,
      'drop trigger audit_log_seal on audit_log',
      'create table public.intruder (id int)',
      `alter role ${RUNTIME_ROLE} superuser`,
    ];
    for (const statement of refused) {
      await expect(ctx.sql(statement), statement).rejects.toThrow(/permission denied|must be owner|must be superuser/);
    }
    const auditor = await login(ctx.app, 'auditor');
    expect((await auditor.request('GET', '/api/v1/audit/verify')).json()).toMatchObject({ ok: true });
  });
});

describe('/api/v1/audit/anchor', () => {
  const anchorFile = () => path.join(ctx.dataDir, 'audit-anchors.jsonl');

  it('lets only the auditor anchor the head now; the file keeps it and a county robot is sent it', async () => {
    for (const username of ['admin', 'secadmin', 'supervisor', 'leader']) {
      const user = await login(ctx.app, username);
      expect((await user.request('POST', '/api/v1/audit/anchor', {})).statusCode, username).toBe(403);
    }
    expect(readAnchors(ctx.dataDir)).toEqual([]);
    const admin = await login(ctx.app, 'admin');
    const channel = await admin.request('POST', '/api/v1/notification-channels', {
      name: '审计留存邮箱',
      kind: 'email',
      unitId: null,
      addresses: ['audit-anchor@county.example'],
      events: ['auditAnchor'],
    });
    expect(channel.statusCode, channel.body).toBe(201);
    const auditor = await login(ctx.app, 'auditor');
    const [head] = await ctx.sql<{ seq: number; hash: string }>('select seq, hash from audit_chain');
    const res = await auditor.request('POST', '/api/v1/audit/anchor', {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ seq: head?.seq, hash: head?.hash, channels: 1 });
    expect(
      readFileSync(anchorFile(), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([{ at: res.json().at, seq: head?.seq, hash: head?.hash }]);
    const [queued] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from deliveries where event = 'auditAnchor' and message->>'text' like $1`,
      [`%${head?.hash}%`],
    );
    expect(queued?.n).toBe(1);
    const [audited] = await ctx.sql<{ actor_name: string; target_id: string }>(
      `select actor_name, target_id from audit_log where action = 'audit.anchor'`,
    );
    expect(audited).toEqual({ actor_name: 'auditor', target_id: String(head?.seq) });
    const verify = (await auditor.request('GET', '/api/v1/audit/verify')).json();
    expect(verify).toMatchObject({ ok: true, anchor: { seq: head?.seq, finding: 'holds' } });
    expect(verify.headSeq).toBe((head?.seq ?? 0) + 1);
  });

  it('is due at start when no anchor was written in the last day', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-anchor-'));
    try {
      expect(isAnchorDue(dir)).toBe(true);
      writeAnchor(dir, { at: '2026-12-06T10:00:00.000Z', seq: 3, hash: 'a'.repeat(64) });
      expect(isAnchorDue(dir, new Date('2026-12-07T09:59:00.000Z'))).toBe(false);
      expect(isAnchorDue(dir, new Date('2026-12-07T10:00:00.000Z'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('anchors by the daily job without an audit entry of its own', async () => {
    const before = await auditCount(ctx);
    const anchor = await anchorAudit(ctx.database.db, null, ctx.dataDir);
    expect(await auditCount(ctx)).toBe(before);
    expect(readAnchors(ctx.dataDir).at(-1)).toEqual({ at: anchor.at, seq: anchor.seq, hash: anchor.hash });
  });

  it('shows a chain cut short or rewritten by a superuser, which its own links cannot', async () => {
    const auditor = await login(ctx.app, 'auditor');
    // Entries after the last anchor, then an anchor of the newest head.
    const admin = await login(ctx.app, 'admin');
    for (const locale of ['en-US', 'zh-CN', 'en-US']) {
      const res = await admin.request('PATCH', '/api/v1/me', { locale });
      expect(res.statusCode, res.body).toBe(200);
    }
    const anchored = (await auditor.request('POST', '/api/v1/audit/anchor', {})).json();
    // A superuser removes the newest entries and rewinds the head: the links alone still hold.
    await ctx.adminSql('set session_replication_role = replica');
    const cut = anchored.seq - 2;
    await ctx.adminSql('delete from audit_log where seq > $1 or seq is null', [cut]);
    await ctx.adminSql('update audit_chain set seq = $1, hash = (select hash from audit_log where seq = $1)', [cut]);
    await ctx.adminSql('set session_replication_role = origin');
    expect(await verifyAuditChain(ctx.database.db)).toMatchObject({ ok: true, headSeq: cut, anchor: null });
    const shorter = await auditor.request('GET', '/api/v1/audit/verify');
    expect(shorter.json()).toMatchObject({
      ok: false,
      headSeq: cut,
      anchor: { seq: anchored.seq, hash: anchored.hash, finding: 'shorter' },
    });
    expect(shorter.json().firstBrokenId).toBeUndefined();
    // New entries take the removed places: the chain is as long again, with other hashes there.
    for (const locale of ['zh-CN', 'en-US', 'zh-CN']) {
      expect((await admin.request('PATCH', '/api/v1/me', { locale })).statusCode).toBe(200);
    }
    const diverged = (await auditor.request('GET', '/api/v1/audit/verify')).json();
    expect(diverged).toMatchObject({ ok: false, anchor: { seq: anchored.seq, finding: 'diverged' } });
    expect(diverged.headSeq).toBeGreaterThanOrEqual(anchored.seq);
  });
});
