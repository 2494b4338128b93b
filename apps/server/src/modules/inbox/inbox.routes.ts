import { ZInboxItem, ZInboxQuery } from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { listInbox, markInboxRead } from './inbox.service.ts';

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
