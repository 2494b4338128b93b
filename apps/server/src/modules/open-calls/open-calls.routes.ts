import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TDb } from '../../platform/db/client.ts';

export const openCallsRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (_app, _opts) => {};
