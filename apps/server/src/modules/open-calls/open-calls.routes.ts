import {
  ZAwardRequest,
  ZBid,
  ZBidRequest,
  ZCreateOpenCallRequest,
  ZIdParams,
  ZOpenCall,
  ZOpenCallQuery,
  zPage,
} from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { awardOpenCall, createOpenCall, getOpenCall, listOpenCalls, placeBid } from './open-calls.service.ts';

const WHO_SEES =
  'Leaders and supervisors see every call and every bid; everyone else sees the calls open to every unit, those ' +
  'whose eligible units contain their own unit (eligibility covers a unit’s subtree) and those they bid on, with ' +
  'only their own bid. The three admin roles see none. `can` tells what the caller may do now.';

export const openCallsRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  const tags = ['open-calls'];

  app.get(
    '/open-calls',
    {
      schema: {
        tags,
        summary: 'A page of the open calls (揭榜挂帅) you see, newest first, filtered by state or task',
        description: WHO_SEES,
        querystring: ZOpenCallQuery,
        response: { 200: zPage(ZOpenCall) },
      },
    },
    (req) => listOpenCalls(db, actorOf(req), req.query),
  );
  app.post(
    '/open-calls',
    {
      schema: {
        tags,
        summary: 'Publish a task as an open call: leaders and supervisors over the task’s lead unit',
        description:
          'The task must be visible to you (else 404) and open (else 409); a task is published at most once ' +
          '(409 naming taskId). The bid deadline must lie ahead and the eligible units must exist and be active ' +
          '(422 naming bidDeadline or eligibleUnitIds.N). Eligible units include their subtrees; none means every ' +
          'unit. The heads and liaisons of the eligible units are notified (callPublished); a call open to every ' +
          'unit notifies nobody individually.',
        body: ZCreateOpenCallRequest,
        response: { 201: ZOpenCall },
      },
    },
    async (req, reply) => reply.code(201).send(await createOpenCall(db, actorOf(req), req.body)),
  );
  app.get(
    '/open-calls/:id',
    {
      schema: {
        tags,
        summary: 'One open call with the bids you may read',
        description: `${WHO_SEES} A call you may not see answers 404.`,
        params: ZIdParams,
        response: { 200: ZOpenCall },
      },
    },
    (req) => getOpenCall(db, actorOf(req), req.params.id),
  );
  app.post(
    '/open-calls/:id/bids',
    {
      schema: {
        tags,
        summary: 'Bid (揭榜) with a plan and a pledge: once per person of an eligible unit, before the deadline',
        description:
          'The bid records the bidder’s unit. A call you cannot see answers 404; one you see but may not bid on ' +
          '(your unit is not eligible, or you published it or may award it) 403; after the deadline 409 naming ' +
          'bidDeadline; a call no longer open 409 naming state; a second bid 409 DUPLICATE. Bids are never ' +
          'withdrawn: every bid stays on record.',
        params: ZIdParams,
        body: ZBidRequest,
        response: { 201: ZBid },
      },
    },
    async (req, reply) => reply.code(201).send(await placeBid(db, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/open-calls/:id/award',
    {
      schema: {
        tags,
        summary: 'Award (挂帅) the call to one bid: leaders over the task’s lead unit, before or after the deadline',
        description:
          'The winner becomes the task’s owner; their unit becomes its lead unit (the former lead unit stays as ' +
          'a co-unit); the winning plan becomes the charter’s goal and the pledge its pledge (indicators and ' +
          'deliverables are kept). The winner is notified (awarded) and every other bidder (notAwarded); all bids ' +
          'stay on record. Others who see the call get 403; a bid of another call 422 naming bidId; a call ' +
          'already awarded 409.',
        params: ZIdParams,
        body: ZAwardRequest,
        response: { 200: ZOpenCall },
      },
    },
    (req) => awardOpenCall(db, actorOf(req), req.params.id, req.body.bidId),
  );
};
