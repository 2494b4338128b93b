import { ZApiToken, ZCreatedToken, ZCreateTokenRequest, ZIdParams, ZNoContent } from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import * as tokens from './tokens.service.ts';

export const tokensRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  const tags = ['tokens'];
  app.get(
    '/tokens',
    {
      schema: { tags, summary: 'Your personal API tokens', response: { 200: z.object({ items: z.array(ZApiToken) }) } },
    },
    async (req) => ({ items: await tokens.listTokens(db, actorOf(req)) }),
  );
  app.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Create a personal API token (Bearer); the secret is returned once',
        description:
          'A token acts with at most the grants listed in grantIds (all of yours if omitted), never wider than ' +
          'your grants at the time of use; access "read" refuses writes.',
        body: ZCreateTokenRequest,
        response: { 201: ZCreatedToken },
      },
    },
    async (req, reply) => reply.code(201).send(await tokens.createToken(db, actorOf(req), req.body)),
  );
  app.delete(
    '/tokens/:id',
    { schema: { tags, summary: 'Revoke one of your tokens', params: ZIdParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await tokens.revokeToken(db, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
};
