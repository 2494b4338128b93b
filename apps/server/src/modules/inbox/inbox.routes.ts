import { ZInboxItem, ZInboxQuery, ZNeeds } from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { listInbox, markInboxRead, whatNeedsMe } from './inbox.service.ts';

export const inboxRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  const tags = ['inbox'];
  app.get(
    '/inbox',
    {
      schema: {
        tags,
        summary: 'What needs you: your inbox, newest first, with the unread count',
        querystring: ZInboxQuery,
        response: {
          200: z.object({
            items: z.array(ZInboxItem),
            total: z.number().int(),
            unread: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
        },
      },
    },
    (req) => listInbox(db, actorOf(req), req.query),
  );
  app.get(
    '/me/needs',
    {
      schema: {
        tags,
        summary:
          'What needs you now: answers you owe, tasks to acknowledge, closures to verify, weekly roll-ups to confirm',
        description:
          'The inbox’s actionable head, each group oldest first with its total (20 listed): urge and supervision ' +
          'notices addressed to you and not answered; tasks your units lead waiting for 签收 (as their head or ' +
          'liaison); closures requested on tasks you supervise; draft weekly roll-ups of the units you head (确认周结).',
        response: { 200: ZNeeds },
      },
    },
    (req) => whatNeedsMe(db, actorOf(req)),
  );
  app.post(
    '/inbox/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one item read',
        params: z.object({ id: z.coerce.number().int().min(1) }),
        response: { 200: z.object({ marked: z.number().int() }) },
      },
    },
    (req) => markInboxRead(db, actorOf(req), req.params.id),
  );
  app.post(
    '/inbox/read-all',
    {
      schema: { tags, summary: 'Mark every item read', response: { 200: z.object({ marked: z.number().int() }) } },
    },
    (req) => markInboxRead(db, actorOf(req), null),
  );
};
