import { ZAuditAnchor, ZAuditEntry, ZAuditQuery, ZAuditVerify, zPage } from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { anchorAudit, listAudit, verifyAudit } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ db: TDb; dataDir: string }> = async (app, { db, dataDir }) => {
  const tags = ['audit'];
  app.get(
    '/audit',
    {
      schema: {
        tags,
        summary: 'Audit entries, newest first (auditor only)',
        description: 'Filters: action (prefix, e.g. "auth."), targetType, targetId, actor (username or id), from, to.',
        querystring: ZAuditQuery,
        response: { 200: zPage(ZAuditEntry) },
      },
    },
    (req) => listAudit(db, actorOf(req), req.query),
  );
  app.get(
    '/audit/verify',
    {
      schema: {
        tags,
        summary: 'Verify the hash chain; names the first broken entry (auditor only)',
        description:
          'Walks the chain and holds it against its anchors (the heads written outside the database, under ' +
          'DATA_DIR): `anchor.finding` is `shorter` when the chain ends before an anchored entry, `diverged` when ' +
          'its entry there has another hash; either makes `ok` false.',
        response: { 200: ZAuditVerify },
      },
    },
    (req) => verifyAudit(db, actorOf(req), dataDir),
  );
  app.post(
    '/audit/anchor',
    {
      schema: {
        tags,
        summary: "Anchor the chain's head outside the database now (auditor only)",
        description:
          "Appends the chain's head (seq, hash, time) to DATA_DIR/audit-anchors.jsonl and queues it to every " +
          'county-wide notification channel that carries the `auditAnchor` event; the platform also does this ' +
          'every day (AUDIT_ANCHOR_CRON). Answers the anchor and the number of channels it was queued to.',
        response: { 200: ZAuditAnchor.extend({ channels: z.number().int() }) },
      },
    },
    (req) => anchorAudit(db, actorOf(req), dataDir),
  );
};
