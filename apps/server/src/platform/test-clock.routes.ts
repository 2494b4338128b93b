import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { now, setClock } from './clock.ts';

/**
 * The test clock (DUBAN_TEST_CLOCK=1 only, never in production): browser tests let days pass to watch lights move.
 * Registered on a test server alone, so a production server has no such route at all.
 */
export const testClockRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/test/clock',
    {
      schema: {
        tags: ['test'],
        summary: 'Set the platform clock to an instant (null: back to the system time) — test servers only',
        body: z.object({ at: z.iso.datetime({ offset: true }).nullable() }),
        response: { 200: z.object({ now: z.string() }) },
      },
    },
    (req) => {
      setClock(req.body.at === null ? null : new Date(req.body.at));
      return { now: now().toISOString() };
    },
  );
};
