import {
  ZEscalation,
  ZEscalationAnswer,
  ZEscalationOutcome,
  ZEscalationQuery,
  ZIdParams,
  ZRaiseEscalation,
  zPage,
} from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { answerEscalation, listEscalations, raiseEscalations, recordOutcome } from './escalations.service.ts';

/** The escalation ladder (提醒 → 催办 → 督办 → 约谈): the desk, raising steps by hand, answers and outcomes. */
export const escalationsRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  const tags = ['escalations'];

  app.get(
    '/escalations',
    {
      schema: {
        tags,
        summary: 'Escalations on the tasks the caller sees, or (mine=true) those addressed to the caller',
        description:
          'Each step with who raised it, when, to whom, the answer and its time. state=open or overdue=true lists ' +
          'oldest first (the supervision desk, by age); otherwise newest first.',
        querystring: ZEscalationQuery,
        response: { 200: zPage(ZEscalation) },
      },
    },
    (req) => listEscalations(db, actorOf(req), req.query),
  );
  app.post(
    '/escalations',
    {
      schema: {
        tags,
        summary: 'Raise a step of the ladder by hand, for one task or many at once (all or nothing)',
        description:
          'Supervisors, for tasks led by units in their scope (others 403; a task out of scope 404). A task that ' +
          'is a draft, closed or cancelled is 422 naming `taskIds.N`. Recipients are chosen as the sweep chooses ' +
          'them; an urge or supervision notice must be answered within the working days the rules allow.',
        body: ZRaiseEscalation,
        response: { 200: z.object({ items: z.array(ZEscalation) }) },
      },
    },
    (req) => raiseEscalations(db, actorOf(req), req.body),
  );
  app.post(
    '/escalations/:id/answer',
    {
      schema: {
        tags,
        summary: 'Answer an urge notice or a supervision notice: situation, plan, new date',
        description:
          'Only its recipients (anyone else 404). A reminder or an admonition takes no answer, and an answered ' +
          'step cannot be answered again (409). A late answer is kept, with its time.',
        params: ZIdParams,
        body: ZEscalationAnswer,
        response: { 200: ZEscalation },
      },
    },
    (req) => answerEscalation(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/escalations/:id/outcome',
    {
      schema: {
        tags,
        summary: 'Record the outcome of an admonition interview (约谈)',
        description: 'Supervisors of the task’s lead unit (others who see it 403, the rest 404). Once only (409).',
        params: ZIdParams,
        body: ZEscalationOutcome,
        response: { 200: ZEscalation },
      },
    },
    (req) => recordOutcome(db, actorOf(req), req.params.id, req.body.outcome),
  );
};
