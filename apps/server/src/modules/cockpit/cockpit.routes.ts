import { ZCockpit, ZCockpitQuery } from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { getCockpitJson } from './cockpit.service.ts';

/** The cockpit (数据驾驶舱). */
export const cockpitRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  app.get(
    '/cockpit',
    {
      schema: {
        tags: ['cockpit'],
        summary: 'The leaders’ cockpit: targets against pace, lights, escalations, roll-up highlights, instructions',
        description:
          'Leaders and supervisors read the top unit they oversee by default, or any unit in their scope with ' +
          '`unitId`; unit heads read their own unit by default, or another of their units. Anyone else, or a unit ' +
          'out of reach, is 404. The county’s page lists the targets of `year` (default: this year) with the ' +
          'county’s kept pace figures and allocations per light; a unit’s page lists its allocations with their kept ' +
          'figures. Lights count the tasks led in the unit’s subtree (from the kept counts): in total, per unit ' +
          'category (each child unit’s subtree under its category) and per tag, with the child units with most red. ' +
          'Escalations: steps still waiting on someone on live tasks — open notices and admonitions, and reminders ' +
          'whose light episode lasts — per rung, and how many answers are overdue. Then the highlights of the latest ' +
          'week with roll-ups, and the newest leaders’ instructions. Every figure comes from kept aggregates or one ' +
          'bounded index range, so the wall display may poll it. A page once read is served again for 2 s ' +
          '(COCKPIT_KEEP_MS) unless a write has ended on the server since.',
        querystring: ZCockpitQuery,
        response: { 200: ZCockpit },
      },
    },
    async (req, reply) => {
      // Already encoded by ZCockpit, once per read for every request sharing it: a JSON string is sent as it is.
      const json = await getCockpitJson(db, actorOf(req), req.query);
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );
};
