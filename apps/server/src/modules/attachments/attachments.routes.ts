import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TDb } from '../../platform/db/client.ts';

export const attachmentsRoutes: FastifyPluginAsyncZod<{ db: TDb; dataDir: string }> = async (_app, _opts) => {};
