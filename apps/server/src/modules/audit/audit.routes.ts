import { ZAuditEntry, ZAuditQuery, ZAuditVerify, zPage } from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { listAudit, verifyAudit } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
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
        response: { 200: ZAuditVerify },
      },
    },
    (req) => verifyAudit(db, actorOf(req)),
  );
};
