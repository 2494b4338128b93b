import { ZHealth } from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { migrationStatus } from '../../platform/db/client.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ pool: pg.Pool; version: string }> = async (app, opts) => {
  app.get(
    '/health',
    {
      config: { isPublic: true },
      schema: {
        tags: ['health'],
        summary: 'Database reachable, version, migrations applied',
        response: { 200: ZHealth, 503: ZHealth },
      },
    },
    async (_req, reply) => {
      try {
        const migrations = await migrationStatus(opts.pool);
        return { status: 'ok' as const, database: true, version: opts.version, migrations };
      } catch {
        return reply.code(503).send({
          status: 'degraded' as const,
          database: false,
          version: opts.version,
          migrations: { applied: 0, latest: null },
        });
      }
    },
  );
};
