import {
  ZChannel,
  ZChannelQuery,
  ZCreateChannelRequest,
  ZDelivery,
  ZDeliveryQuery,
  ZIdParams,
  ZNoContent,
  ZUpdateChannelRequest,
  zPage,
} from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import {
  createChannel,
  deleteChannel,
  getChannel,
  listChannels,
  testChannel,
  updateChannel,
} from './channels.service.ts';
import { listDeliveries } from './deliveries.service.ts';
import type { TMailSettings } from './senders.ts';

const WHO =
  'sysAdmin and county supervisors manage county-wide channels and any unit’s; a unit head the channels of the ' +
  'units in their scope (a channel outside it is 404); everyone else 403.';

/** Outgoing notifications: channels (group robots, e-mail) and the deliveries log. */
export const notificationsRoutes: FastifyPluginAsyncZod<{ db: TDb; mail: TMailSettings | null }> = async (
  app,
  { db, mail },
) => {
  const tags = ['notifications'];
  app.get(
    '/notification-channels',
    {
      schema: {
        tags,
        summary: 'The notification channels you manage, county-wide first',
        description: `${WHO} The secret of a robot is never returned: hasSecret says whether one is set.`,
        querystring: ZChannelQuery,
        response: { 200: zPage(ZChannel) },
      },
    },
    (req) => listChannels(db, actorOf(req), req.query),
  );
  app.post(
    '/notification-channels',
    {
      schema: {
        tags,
        summary: 'Add a channel: a DingTalk, WeCom or Feishu group robot (webhook URL) or e-mail addresses',
        description:
          `${WHO} unitId null: the whole county; a unit: its notifications and its sub-units’. A robot’s URL ` +
          'must be https and resolve to public addresses, else 422 naming url (DUBAN_WEBHOOK_ALLOW_PRIVATE=1 ' +
          'allows private addresses and http). secret: the signing secret of a DingTalk (加签) or Feishu ' +
          '(签名校验) robot; write-only. Fields that do not fit the kind are 422 naming them.',
        body: ZCreateChannelRequest,
        response: { 201: ZChannel },
      },
    },
    async (req, reply) => reply.code(201).send(await createChannel(db, actorOf(req), req.body)),
  );
  app.get(
    '/notification-channels/:id',
    { schema: { tags, summary: 'One channel', description: WHO, params: ZIdParams, response: { 200: ZChannel } } },
    (req) => getChannel(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/notification-channels/:id',
    {
      schema: {
        tags,
        summary: 'Change a channel (its kind stays); secret left out is kept, null removes it',
        description: `${WHO} The URL is checked again when it changes.`,
        params: ZIdParams,
        body: ZUpdateChannelRequest,
        response: { 200: ZChannel },
      },
    },
    (req) => updateChannel(db, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/notification-channels/:id',
    {
      schema: {
        tags,
        summary: 'Delete a channel; its deliveries stay in the log',
        description: WHO,
        params: ZIdParams,
        response: { 204: ZNoContent },
      },
    },
    async (req, reply) => {
      await deleteChannel(db, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/notification-channels/:id/test',
    {
      schema: {
        tags,
        summary: 'Send a test message now and answer with its delivery: sent, or failed with the robot’s error',
        description:
          `${WHO} Works on a disabled channel too. The test is logged in the deliveries and not retried; ` +
          'an e-mail channel without SMTP_URL configured fails saying so.',
        params: ZIdParams,
        response: { 200: ZDelivery },
      },
    },
    (req) => testChannel(db, actorOf(req), req.params.id, mail),
  );
  app.get(
    '/deliveries',
    {
      schema: {
        tags,
        summary: 'The deliveries log, newest first: state, attempts, last error, next attempt',
        description:
          'sysAdmin and county supervisors see every delivery; a unit head those of their units’ channels and ' +
          'the e-mails to their units’ people; others 403. A failed send is retried after 1, 5, 30 and 120 ' +
          'minutes, then marked failed.',
        querystring: ZDeliveryQuery,
        response: { 200: zPage(ZDelivery) },
      },
    },
    (req) => listDeliveries(db, actorOf(req), req.query),
  );
};
