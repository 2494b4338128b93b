import {
  CHECK_IN_MAX_AGE_DAYS,
  ZBurden,
  ZCheckIn,
  ZCheckInBatch,
  ZCheckInCorrection,
  ZCheckInResult,
  ZIdParams,
  ZToday,
  zId,
  zWeek,
} from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { getBurden } from './burden.service.ts';
import { correctCheckIn, listTaskCheckIns, submitCheckIns } from './check-ins.service.ts';
import { getToday } from './today.service.ts';

/** Today's page, check-ins (日清) and the burden meter. */
export const checkInsRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  const tags = ['check-ins'];

  app.get(
    '/me/today',
    {
      schema: {
        tags,
        summary: 'What asks for your check-in today: your tasks, and as a liaison your units’ tasks',
        description:
          'Acknowledged and in-progress tasks you own, and those your units lead if you are their liaison ' +
          '(onBehalf). dueReason says why a task asks today by its cadence (daily: Monday–Friday without a ' +
          'check-in today; weekly: none this ISO week; milestone: a milestone due within 7 days without a ' +
          'check-in in its window), null when it does not ask. One person reports per task: a liaison is asked ' +
          'for a task with an owner only when the owner is overdue (ownerOverdue: a whole reporting period of the ' +
          'cadence ended after the task was last heard of without a report — the previous working day, last week, ' +
          'or a passed milestone unreported in its 7-day window); otherwise dueReason is null for them. Due tasks ' +
          'come first. `asked` is what the screen asks (entries and fields): the burden meter records it.',
        response: { 200: ZToday },
      },
    },
    (req) => getToday(db, actorOf(req)),
  );
  app.post(
    '/check-ins',
    {
      config: { validationStatus: 422 },
      schema: {
        tags,
        summary: 'Submit a check-in (日清): one entry per task, in one transaction, idempotent on clientId',
        description:
          'A body that breaks the schema is 422 naming the field (e.g. entries.0.progress beyond 0–100). Each entry moves its task: progress, milestones reached (milestoneIds), work started. "noChange" needs ' +
          'only taskId. A progress lower than the task’s needs progressReason (else 422 naming ' +
          `entries.N.progress). recordedAt is when the entry was made (offline entries sync later): in the future ` +
          `or more than ${CHECK_IN_MAX_AGE_DAYS} days back is 422. A task you cannot see fails the whole submit ` +
          'with 404 and nothing is written. An entry on a task that moved on (closed, cancelled, awaiting ' +
          'closure, not acknowledged) or that you no longer report on is kept as a note, and its outcome says ' +
          'why (notice). The same clientId again returns the first answer with duplicate: true and writes ' +
          'nothing (409 if someone else used it). A liaison reporting on the unit’s task is recorded as such.',
        body: ZCheckInBatch,
        response: { 200: ZCheckInResult, 201: ZCheckInResult },
      },
    },
    async (req, reply) => {
      const result = await submitCheckIns(db, actorOf(req), req.body);
      return reply.code(result.duplicate ? 200 : 201).send(result);
    },
  );
  app.get(
    '/tasks/:id/check-ins',
    {
      schema: {
        tags,
        summary: 'The task’s check-ins, newest first (at most 200)',
        description: 'Anyone who sees the task. `editable` marks your own from today.',
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZCheckIn) }) },
      },
    },
    async (req) => ({ items: await listTaskCheckIns(db, actorOf(req), req.params.id) }),
  );
  app.patch(
    '/check-ins/:id',
    {
      config: { validationStatus: 422 },
      schema: {
        tags,
        summary: 'Correct your check-in: edited the same day, appended as a correction later',
        description:
          'Only its author (others who see the task get 403; out of scope 404). The same Shanghai day the ' +
          'check-in is edited in place and the task’s progress follows; on a later day a new check-in pointing ' +
          'at the original (correctsId) is appended and applied like a new entry, the original kept.',
        params: ZIdParams,
        body: ZCheckInCorrection,
        response: { 200: ZCheckIn },
      },
    },
    (req) => correctCheckIn(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/burden',
    {
      schema: {
        tags,
        summary: 'The burden meter: what check-ins asked of units and people in a week',
        description:
          'Supervisors and leaders, and units’ heads and liaisons, each for the units in their scope (else 404). ' +
          'Per unit: people, entries and fields asked, entries made, fields filled, seconds the screen was open. ' +
          'With unitId, that unit’s subtree and its own people. The week defaults to the last full week (the one before this).',
        querystring: z.object({ week: zWeek.optional(), unitId: zId.optional() }),
        response: { 200: ZBurden },
      },
    },
    (req) => getBurden(db, actorOf(req), req.query),
  );
};
