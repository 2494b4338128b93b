import { ZCalendarUpdate, ZCalendarYear, ZCalendarYearParams } from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { getCalendarYear, updateCalendarYear } from './calendar.service.ts';

/** The working-day calendar: official holidays and make-up workdays, and the organisation's own days. */
export const calendarRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  const tags = ['calendar'];

  app.get(
    '/calendar/:year',
    {
      schema: {
        tags,
        summary: 'One year of the working-day calendar: holidays, make-up workdays and the working-day count',
        description:
          'Anyone logged in. `days` lists every departure from the Monday–Friday week in date order: the ' +
          'State Council’s holidays and make-up workdays (origin `official`, name a holiday code such as ' +
          '`springFestival`) with the organisation’s own days over them (origin `local`). `notice` is the ' +
          'notice the official days come from, null for a year without a published arrangement (weekends ' +
          'only). A year outside 2000–2099 is 400 naming `year`.',
        params: ZCalendarYearParams,
        response: { 200: ZCalendarYear },
      },
    },
    (req) => getCalendarYear(db, req.params.year),
  );
  app.put(
    '/calendar/:year',
    {
      schema: {
        tags,
        summary: 'Replace a year’s local days (sysAdmin)',
        description:
          'sysAdmin only (others 403). The list replaces every local day of that year; each is a holiday or a ' +
          'workday over what the official calendar and the weekend say, named by a holiday code or in the ' +
          'organisation’s own words. A day outside the year, or a day listed twice, is 422 naming ' +
          '`days.N.day`, and nothing is written. Lights and deadlines use the new calendar at once. Answers ' +
          'the year as GET does.',
        params: ZCalendarYearParams,
        body: ZCalendarUpdate,
        response: { 200: ZCalendarYear },
      },
    },
    (req) => updateCalendarYear(db, actorOf(req), req.params.year, req.body),
  );
};
