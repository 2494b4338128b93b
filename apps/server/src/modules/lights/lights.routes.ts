import { ZIdParams, ZLightBoard, ZLightHistory, ZLightQuery, ZSweepResult } from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { getLightBoard, getLightHistory, sweepOnDemand } from './lights.service.ts';

/** Warning lights (亮灯): the board, a task's light history, and the sweep on demand. */
export const lightsRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  const tags = ['lights'];

  app.get(
    '/lights',
    {
      schema: {
        tags,
        summary: 'The light board: counts per colour and the worst light, by unit, by tag or by lead leader',
        description:
          'Leaders, supervisors, unit heads and liaisons (others 403), over the tasks they see. by=unit lists the ' +
          'child units of `unitId` (default: the top unit the caller reaches; a unit out of reach is 404), each ' +
          'counting the tasks led anywhere in its subtree; `own` counts the tasks the drilled unit leads itself. ' +
          'by=tag and by=leader group the same tasks by tag (十件大事…) and by lead leader. Reds first.',
        querystring: ZLightQuery,
        response: { 200: ZLightBoard },
      },
    },
    (req) => getLightBoard(db, actorOf(req), req.query),
  );
  app.get(
    '/tasks/:id/light-history',
    {
      schema: {
        tags,
        summary: 'Why a task’s light is what it is: each change with the rules that fired, the figures and thresholds',
        description:
          'Anyone who sees the task (else 404). `current` is the light worked out from the task’s present facts ' +
          '(progress, last report, milestones, today) with its rules, figures and thresholds: what explains the ' +
          'light now, following every check-in, progress update and milestone change. `items` are the changes ' +
          'of colour, each with the figures of its moment. Also each milestone’s light today.',
        params: ZIdParams,
        response: { 200: ZLightHistory },
      },
    },
    (req) => getLightHistory(db, actorOf(req), req.params.id),
  );
  app.post(
    '/lights/sweep',
    {
      schema: {
        tags,
        summary: 'Run the morning sweep now: every live task’s light for today, then the escalation ladder',
        description:
          'Supervisors (others 403). It also runs every morning at 06:00 Asia/Shanghai. Idempotent: a second run ' +
          'the same day changes nothing. Runs once across server processes: 409 while another sweep runs.',
        response: { 200: ZSweepResult },
      },
    },
    (req) => sweepOnDemand(db, actorOf(req)),
  );
};
